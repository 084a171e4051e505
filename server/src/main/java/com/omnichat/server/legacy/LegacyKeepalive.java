package com.omnichat.server.legacy;

import com.omnichat.server.auth.Authenticator;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.realtime.CloseCodes;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.realtime.LegacySession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The application-level liveness of /admin-ws (PROTOCOL.md §A.12): a {"type":"ping"} after 20 s of client silence,
 * which the SPA and the mobile app answer with a pong, and a close with 1008 once the token has expired or its user
 * may no longer sign in. Visitor sockets get protocol pings only: chatbot.js would show a ping frame as a chat line.
 */
public final class LegacyKeepalive implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyKeepalive.class);
    private static final long TICK_SECONDS = 5;
    private static final long SILENCE_MS = 20_000;
    private static final long RECHECK_MS = 30_000;
    private static final String PING = "{\"type\":\"ping\"}";

    private final Hub hub;
    private final Authenticator authenticator;
    private final Clock clock;
    private final Map<LegacySession, Watched> staff = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "legacy-keepalive");
        thread.setDaemon(true);
        return thread;
    });

    private static final class Watched {
        final String token;
        final long expiresAtMs;
        volatile long checkedAt;

        Watched(String token, long expiresAtMs, long checkedAt) {
            this.token = token;
            this.expiresAtMs = expiresAtMs;
            this.checkedAt = checkedAt;
        }
    }

    public LegacyKeepalive(Hub hub, Authenticator authenticator, Clock clock) {
        this.hub = hub;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    public LegacyKeepalive start() {
        timer.scheduleWithFixedDelay(this::tick, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    void watch(LegacySession session, String token, Principal principal) {
        staff.put(session, new Watched(token, principal.tokenExpiresAt() * 1000, clock.millis()));
    }

    void forget(LegacySession session) {
        staff.remove(session);
    }

    private void tick() {
        try {
            long now = clock.millis();
            hub.forEachLegacy(session -> {
                if (session.visitorKey() == null && !session.pingOutstanding()
                        && now - session.lastClientFrameAt() >= SILENCE_MS) {
                    session.pingSent();
                    session.sender().send(PING);
                }
            });
            staff.forEach((session, watched) -> recheck(session, watched, now));
        } catch (RuntimeException e) {
            // A failed tick must not cancel the schedule; the next one tries again.
            LOG.error("Legacy keepalive tick failed", e);
        }
    }

    private void recheck(LegacySession session, Watched watched, long now) {
        boolean expired = now >= watched.expiresAtMs;
        if (!expired && now - watched.checkedAt >= RECHECK_MS) {
            watched.checkedAt = now;
            expired = authenticator.authenticate(watched.token).isEmpty();
        }
        if (expired) {
            staff.remove(session);
            session.sender().close(CloseCodes.POLICY_VIOLATION, "Token expired");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
