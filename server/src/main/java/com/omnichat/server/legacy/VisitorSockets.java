package com.omnichat.server.legacy;

import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.realtime.TypingRelay;
import com.omnichat.server.limits.OpenConnections;
import com.omnichat.server.limits.VisitorLimits;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.realtime.CloseCodes;
import com.omnichat.server.realtime.FrameSender;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.realtime.LegacySession;
import com.omnichat.server.tenants.Tenant;
import com.omnichat.server.text.ExternalIdRule;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets of chatbot.js on {@code /ws/{user_id}} (PROTOCOL.md §A.11). Refusals close with 1008 after the upgrade,
 * because the widget cannot see why an upgrade failed. Nothing is sent here except transcript lines and staff typing
 * (by the conversation service and {@link TypingRelay}): chatbot.js renders every other frame as a chat line.
 */
final class VisitorSockets {
    static final int MAX_SOCKETS_PER_CONVERSATION = 5;
    /** What a widget that stopped reading may hold of the server's memory (PROTOCOL.md §A.11). */
    static final long QUEUE_BYTES = 1024 * 1024;

    private final LegacyVisitors visitors;
    private final VisitorLimits limits;
    private final TypingRelay typing;
    private final Hub hub;
    private final LegacyFrames frames;
    private final Clock clock;
    private final ServerMetrics metrics;
    private final Map<String, Open> sessions = new ConcurrentHashMap<>();
    private final OpenConnections perConversation = new OpenConnections(MAX_SOCKETS_PER_CONVERSATION);

    /** An open socket and the places it holds under the caps, given back when it closes. */
    private record Open(LegacySession session, String conversationKey, String ip) {
    }

    VisitorSockets(LegacyVisitors visitors, VisitorLimits limits, TypingRelay typing, Hub hub, LegacyFrames frames,
                   Clock clock, ServerMetrics metrics) {
        this.visitors = visitors;
        this.limits = limits;
        this.typing = typing;
        this.hub = hub;
        this.frames = frames;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Registers the socket for its conversation key, or closes it with 1008; true when it stays open. Past the caps of
     * §A.11 (sockets per conversation key, visitor sockets per address) the new socket is the one refused.
     */
    boolean connect(String socketId, Session jetty, String userId, LegacyVisitors.Request request, String ip) {
        if (ExternalIdRule.problem(userId).isPresent() || userId.startsWith("v_")) {
            return refuse(jetty, "Forbidden");
        }
        Tenant tenant;
        try {
            tenant = visitors.admit(request);
        } catch (ApiException refused) {
            return refuse(jetty, refused.getMessage());
        }
        if (!limits.socket(tenant.id(), userId, ip)) {
            return refuse(jetty, "Too many requests");
        }
        String key = tenant.id() + "\u0000" + userId;
        if (!limits.openSocket(ip)) {
            metrics.dropped(ServerMetrics.DropReason.CAP);
            return refuse(jetty, "Too many connections");
        }
        if (!perConversation.tryOpen(key)) {
            limits.socketClosed(ip);
            metrics.dropped(ServerMetrics.DropReason.CAP);
            return refuse(jetty, "Too many connections");
        }
        FrameSender sender = new FrameSender(jetty, LegacySocketRoutes.QUEUE_CAPACITY, QUEUE_BYTES,
                CloseCodes.TRY_AGAIN_LATER, () -> metrics.dropped(ServerMetrics.DropReason.SLOW_CONSUMER));
        LegacySession session = new LegacySession(sender, tenant.id(), 0, userId, clock.millis());
        sessions.put(socketId, new Open(session, key, ip));
        hub.registerLegacyVisitor(session);
        return true;
    }

    private static boolean refuse(Session jetty, String reason) {
        jetty.close(CloseCodes.POLICY_VIOLATION, reason, Callback.NOOP);
        return false;
    }

    void received(String socketId, String message) {
        Open open = sessions.get(socketId);
        if (open == null) {
            return;
        }
        LegacySession session = open.session();
        session.clientFrameReceived(clock.millis());
        String type = frames.read(message).path("type").asText("").toLowerCase(Locale.ROOT);
        if (type.equals("typing") || type.equals("stop_typing")) {
            typing.fromVisitor(session.tenantId(), session.visitorKey(), type.equals("typing"));
        }
    }

    void closed(String socketId) {
        Open open = sessions.remove(socketId);
        if (open != null) {
            open.session().sender().markClosed();
            hub.unregisterLegacy(open.session());
            perConversation.close(open.conversationKey());
            limits.socketClosed(open.ip());
        }
    }
}
