package com.omnichat.server.realtime;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Drops replayable events older than OMNICHAT_STREAM_RETENTION_DAYS; clients that far behind get a reset. */
public final class StreamRetention {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRetention.class);

    private final Database db;
    private final EventLog events;
    private final Duration retention;
    private final Clock clock;
    private final ServerMetrics metrics;

    public StreamRetention(Database db, EventLog events, Duration retention, Clock clock, ServerMetrics metrics) {
        this.db = db;
        this.events = events;
        this.retention = retention;
        this.clock = clock;
        this.metrics = metrics;
    }

    public void schedule(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::pruneQuietly, 1, 60, TimeUnit.MINUTES);
    }

    public int prune() {
        long cutoff = Timestamps.toMicros(clock.instant().minus(retention));
        int removed = db.writer().execute(tx -> events.prune(tx, cutoff));
        metrics.pruned(ServerMetrics.Pruned.STREAM_EVENTS, removed);
        return removed;
    }

    private void pruneQuietly() {
        try {
            int removed = prune();
            if (removed > 0) {
                LOG.info("Pruned {} stream events older than {} days", removed, retention.toDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("Pruning stream events failed; will retry", e);
        }
    }
}
