package com.omnichat.server.legacy;

import com.omnichat.server.conversations.ConversationRef;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.realtime.TypingRelay;
import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.protocol.Channels;
import com.omnichat.server.auth.Authenticator;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.conversations.ConversationReader;
import com.omnichat.server.http.Origins;
import com.omnichat.server.limits.OpenConnections;
import com.omnichat.server.realtime.CloseCodes;
import com.omnichat.server.realtime.FrameSender;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.realtime.LegacySession;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The sockets of the admin SPA and the mobile app on {@code /admin-ws?token=} (PROTOCOL.md §A.12). Refusals are close
 * codes after the upgrade, because both apps log out on exactly 1008 and 1003. Authentication and the snapshot read
 * the database, so they run on the socket work executor, never on a Jetty thread.
 */
final class StaffSockets {
    private static final Logger LOG = LoggerFactory.getLogger(StaffSockets.class);
    static final int MAX_SOCKETS_PER_USER = 10;
    /** What an app that stopped reading may hold of the server's memory, the snapshot included (§A.12). */
    static final long QUEUE_BYTES = 4L * 1024 * 1024;

    private final Origins origins;
    private final Authenticator authenticator;
    private final StaffSnapshot snapshot;
    private final TypingRelay typing;
    private final LegacyKeepalive keepalive;
    private final Hub hub;
    private final LegacyFrames frames;
    private final Executor work;
    private final Clock clock;
    private final ServerMetrics metrics;
    private final Map<String, Connected> sessions = new ConcurrentHashMap<>();
    private final OpenConnections perUser = new OpenConnections(MAX_SOCKETS_PER_USER);

    private record Connected(LegacySession session, Principal staff) {
    }

    StaffSockets(Origins origins, Authenticator authenticator, ConversationReader reader, TypingRelay typing,
                 LegacyKeepalive keepalive, Hub hub, LegacyFrames frames, Executor work, Clock clock,
                 ServerMetrics metrics) {
        this.origins = origins;
        this.authenticator = authenticator;
        this.snapshot = new StaffSnapshot(reader, frames);
        this.typing = typing;
        this.keepalive = keepalive;
        this.hub = hub;
        this.frames = frames;
        this.work = work;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Starts authentication, or closes with 1008 at once; true while the socket may still become a staff socket. */
    boolean connect(String socketId, Session jetty, String token, String origin, String host) {
        if (origin != null && !origins.staffAllowed(origin, host)) {
            jetty.close(CloseCodes.POLICY_VIOLATION, "Origin not allowed", Callback.NOOP);
            return false;
        }
        if (token == null || token.isBlank()) {
            jetty.close(CloseCodes.POLICY_VIOLATION, "Not authenticated", Callback.NOOP);
            return false;
        }
        FrameSender sender = new FrameSender(jetty, LegacySocketRoutes.QUEUE_CAPACITY, QUEUE_BYTES,
                CloseCodes.TRY_AGAIN_LATER, () -> metrics.dropped(ServerMetrics.DropReason.SLOW_CONSUMER));
        try {
            work.execute(() -> {
                try {
                    authenticateAndGreet(socketId, jetty, sender, token);
                } catch (RuntimeException e) {
                    LOG.error("Staff socket could not start", e);
                    sender.close(CloseCodes.INTERNAL, "Internal server error");
                }
            });
        } catch (RejectedExecutionException busy) {
            sender.close(CloseCodes.TRY_AGAIN_LATER, "Server busy");
            return false;
        }
        return true;
    }

    private void authenticateAndGreet(String socketId, Session jetty, FrameSender sender, String token) {
        Optional<Principal> staff = authenticator.authenticate(token);
        if (staff.isEmpty()) {
            sender.close(authenticator.hasForeignRole(token) ? CloseCodes.UNSUPPORTED : CloseCodes.POLICY_VIOLATION,
                    "Invalid token");
            return;
        }
        if (!perUser.tryOpen(userKey(staff.get()))) {
            metrics.dropped(ServerMetrics.DropReason.CAP);
            sender.close(CloseCodes.POLICY_VIOLATION, "Too many connections");
            return;
        }
        LegacySession session = new LegacySession(sender, staff.get().tenantId(), staff.get().userId(), null, clock.millis());
        sessions.put(socketId, new Connected(session, staff.get()));
        hub.registerLegacyStaff(session);
        keepalive.watch(session, token, staff.get());
        if (!jetty.isOpen()) {
            // closed() may have run before the put and found nothing; whoever removes the entry releases it, once.
            Connected stillHere = sessions.remove(socketId);
            if (stillHere != null) {
                release(stillHere);
            }
            return;
        }
        // Registered before the read, so nothing committed meanwhile is missed; at worst a message arrives twice.
        snapshot.send(staff.get().tenantId(), sender);
    }

    void received(String socketId, String message) {
        Connected connected = sessions.get(socketId);
        if (connected == null) {
            return;
        }
        connected.session().clientFrameReceived(clock.millis());
        JsonNode frame = frames.read(message);
        String type = frame.path("type").asText("").toLowerCase(Locale.ROOT);
        JsonNode userId = frame.path("user_id");
        if (!type.contains("typing") || !userId.isTextual() || userId.asText().isEmpty()) {
            return;
        }
        String channel = frame.path("channel").asText("");
        typing.fromStaff(connected.staff(),
                new ConversationRef.ByKey(channel.isEmpty() ? Channels.WEBCHAT : channel, userId.asText()),
                !type.contains("stop"), null);
    }

    void closed(String socketId) {
        Connected connected = sessions.remove(socketId);
        if (connected != null) {
            release(connected);
        }
    }

    /** Called once per registered socket: by whichever of closed() and the greeting removed it from the map. */
    private void release(Connected connected) {
        LegacySession session = connected.session();
        session.sender().markClosed();
        hub.unregisterLegacy(session);
        keepalive.forget(session);
        perUser.close(userKey(connected.staff()));
    }

    private static String userKey(Principal staff) {
        return Long.toString(staff.userId());
    }
}
