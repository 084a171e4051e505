package com.omnichat.server.realtime;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Liveness of v1 streams (PROTOCOL.md §C.7): after 20 s without a client frame the server sends {@code ping}; after
 * 60 s of silence it closes with 4408, so dead peers do not hold sockets forever.
 */
public final class StreamKeepalive {
    static final long PING_AFTER_MILLIS = 20_000;
    static final long CLOSE_AFTER_MILLIS = 60_000;

    private final Hub hub;
    private final EventLog events;
    private final Clock clock;

    public StreamKeepalive(Hub hub, EventLog events, Clock clock) {
        this.hub = hub;
        this.events = events;
        this.clock = clock;
    }

    public void schedule(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::sweep, 5, 5, TimeUnit.SECONDS);
    }

    void sweep() {
        long now = clock.millis();
        String ping = events.ephemeral("ping", java.util.Map.of());
        hub.forEachStream(session -> {
            long silent = now - session.lastClientFrameAt();
            if (silent >= CLOSE_AFTER_MILLIS) {
                session.sender().close(CloseCodes.SILENT, "silent client");
            } else if (silent >= PING_AFTER_MILLIS && !session.pingOutstanding()) {
                session.pingSent();
                session.sendEphemeral(ping);
            }
        });
    }
}
