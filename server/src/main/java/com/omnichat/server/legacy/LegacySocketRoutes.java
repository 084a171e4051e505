package com.omnichat.server.legacy;

import com.omnichat.server.limits.VisitorLimits;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.auth.Authenticator;
import com.omnichat.server.conversations.ConversationReader;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.Origins;
import com.omnichat.server.http.PathParams;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.realtime.TypingRelay;
import com.omnichat.server.realtime.Hub;
import io.javalin.websocket.WsConnectContext;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static com.omnichat.server.http.RouteTable.Access.STAFF;
import static com.omnichat.server.http.RouteTable.Access.VISITOR;

/** The legacy WebSockets: the widget's {@code /ws/{user_id}} and the staff apps' {@code /admin-ws}. */
public final class LegacySocketRoutes implements RouteModule {
    static final int QUEUE_CAPACITY = 1000;
    /** Below Jetty's idle timeout, so an idle but healthy widget socket is never closed (PROTOCOL.md §A.11). */
    private static final int PING_SECONDS = 25;
    private static final String VISITOR_PREFIX = "/ws/";

    private final VisitorSockets visitors;
    private final StaffSockets staff;
    private final ClientIp clientIp;

    /** {@code work} runs the database reads of sockets (authentication, snapshot, typing lookups) in order. */
    public LegacySocketRoutes(LegacyVisitors legacyVisitors, VisitorLimits limits, Origins origins,
                              Authenticator authenticator, ConversationReader reader,
                              TypingRelay typing, Hub hub, LegacyKeepalive keepalive, ClientIp clientIp, ObjectMapper json,
                              Executor work, Clock clock, ServerMetrics metrics) {
        LegacyFrames frames = new LegacyFrames(json);
        this.visitors = new VisitorSockets(legacyVisitors, limits, typing, hub, frames, clock, metrics);
        this.staff = new StaffSockets(origins, authenticator, reader, typing, keepalive, hub, frames, work, clock,
                metrics);
        this.clientIp = clientIp;
    }

    @Override
    public void register(RouteTable routes) {
        routes.ws("/ws/{user_id}", VISITOR, ws -> {
            ws.onConnect(ctx -> {
                LegacyVisitors.Request request = LegacyVisitors.Request.of(ctx.queryParam("site_key"),
                        ctx.header("X-Site-Key"), ctx.header("Origin"), ctx.header("Host"));
                if (visitors.connect(ctx.sessionId(), ctx.session, userIdOf(ctx), request, clientIp.of(ctx))) {
                    ctx.enableAutomaticPings(PING_SECONDS, TimeUnit.SECONDS);
                }
            });
            ws.onMessage(ctx -> visitors.received(ctx.sessionId(), ctx.message()));
            ws.onClose(ctx -> visitors.closed(ctx.sessionId()));
        });
        routes.ws("/admin-ws", STAFF, ws -> {
            ws.onConnect(ctx -> {
                if (staff.connect(ctx.sessionId(), ctx.session, ctx.queryParam("token"), ctx.header("Origin"),
                        ctx.header("Host"))) {
                    ctx.enableAutomaticPings(PING_SECONDS, TimeUnit.SECONDS);
                }
            });
            ws.onMessage(ctx -> staff.received(ctx.sessionId(), ctx.message()));
            ws.onClose(ctx -> staff.closed(ctx.sessionId()));
        });
    }

    /** From the raw path, so a '+' in the id stays a '+' (PROTOCOL.md §A.1). */
    private static String userIdOf(WsConnectContext ctx) {
        String raw = ctx.session.getUpgradeRequest().getRequestURI().getRawPath().substring(VISITOR_PREFIX.length());
        return PathParams.decode(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
    }
}
