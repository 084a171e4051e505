package com.omnichat.server.legacy;

import com.omnichat.server.realtime.TypingRelay;
import com.omnichat.server.limits.VisitorLimits;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.realtime.CloseCodes;
import com.omnichat.server.realtime.FrameSender;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.realtime.LegacySession;
import com.omnichat.server.tenants.Tenant;
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
    private final LegacyVisitors visitors;
    private final VisitorLimits limits;
    private final TypingRelay typing;
    private final Hub hub;
    private final LegacyFrames frames;
    private final Clock clock;
    private final Runnable slowConsumerDropped;
    private final Map<String, LegacySession> sessions = new ConcurrentHashMap<>();

    VisitorSockets(LegacyVisitors visitors, VisitorLimits limits, TypingRelay typing, Hub hub, LegacyFrames frames,
                   Clock clock, Runnable slowConsumerDropped) {
        this.visitors = visitors;
        this.limits = limits;
        this.typing = typing;
        this.hub = hub;
        this.frames = frames;
        this.clock = clock;
        this.slowConsumerDropped = slowConsumerDropped;
    }

    /** Registers the socket for its conversation key, or closes it with 1008; true when it stays open. */
    boolean connect(String socketId, Session jetty, String userId, LegacyVisitors.Request request, String ip) {
        if (LegacyVisitors.problemWithId(userId) != null || userId.startsWith("v_")) {
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
        FrameSender sender = new FrameSender(jetty, LegacySocketRoutes.QUEUE_CAPACITY, CloseCodes.TRY_AGAIN_LATER,
                slowConsumerDropped);
        LegacySession session = new LegacySession(sender, tenant.id(), 0, userId, clock.millis());
        sessions.put(socketId, session);
        hub.registerLegacyVisitor(session);
        return true;
    }

    private static boolean refuse(Session jetty, String reason) {
        jetty.close(CloseCodes.POLICY_VIOLATION, reason, Callback.NOOP);
        return false;
    }

    void received(String socketId, String message) {
        LegacySession session = sessions.get(socketId);
        if (session == null) {
            return;
        }
        session.clientFrameReceived(clock.millis());
        String type = frames.read(message).path("type").asText("").toLowerCase(Locale.ROOT);
        if (type.equals("typing") || type.equals("stop_typing")) {
            typing.fromVisitor(session.tenantId(), session.visitorKey(), type.equals("typing"));
        }
    }

    void closed(String socketId) {
        LegacySession session = sessions.remove(socketId);
        if (session != null) {
            session.sender().markClosed();
            hub.unregisterLegacy(session);
        }
    }
}
