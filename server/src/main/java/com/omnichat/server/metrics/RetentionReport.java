package com.omnichat.server.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the operator, once a day, what retention removed since the last report: stream events past
 * OMNICHAT_STREAM_RETENTION_DAYS (pruned hourly by the server) and history removed by admins' purges (the tenant's
 * history_retention_days applies when an admin exports and deletes; nothing deletes history on its own).
 */
public final class RetentionReport {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionReport.class);

    private final ServerMetrics metrics;
    private final int streamRetentionDays;
    private final int defaultHistoryRetentionDays;
    private final Map<ServerMetrics.Pruned, Long> reported = new EnumMap<>(ServerMetrics.Pruned.class);

    public RetentionReport(ServerMetrics metrics, int streamRetentionDays, int defaultHistoryRetentionDays) {
        this.metrics = metrics;
        this.streamRetentionDays = streamRetentionDays;
        this.defaultHistoryRetentionDays = defaultHistoryRetentionDays;
        for (ServerMetrics.Pruned kind : ServerMetrics.Pruned.values()) {
            reported.put(kind, 0L);
        }
    }

    /** Says the settings now, then reports every 24 hours. */
    public void schedule(ScheduledExecutorService scheduler) {
        LOG.info("Retention: stream events stay replayable for {} days; archived history is kept per team "
                + "(default {} days) until an admin exports and deletes or purges it", streamRetentionDays,
                defaultHistoryRetentionDays);
        scheduler.scheduleAtFixedRate(this::report, 1, 1, TimeUnit.DAYS);
    }

    /** Logs what was removed since the last report. */
    public synchronized void report() {
        Map<ServerMetrics.Pruned, Long> since = new EnumMap<>(ServerMetrics.Pruned.class);
        for (ServerMetrics.Pruned kind : ServerMetrics.Pruned.values()) {
            long total = metrics.prunedSoFar(kind);
            since.put(kind, total - reported.get(kind));
            reported.put(kind, total);
        }
        LOG.info("Retention since the last report: {} stream events older than {} days pruned; history purged by "
                        + "admins: {} followups, {} conversations, {} messages",
                since.get(ServerMetrics.Pruned.STREAM_EVENTS), streamRetentionDays,
                since.get(ServerMetrics.Pruned.FOLLOWUPS), since.get(ServerMetrics.Pruned.CONVERSATIONS),
                since.get(ServerMetrics.Pruned.MESSAGES));
    }
}
