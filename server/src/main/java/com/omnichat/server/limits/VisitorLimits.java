package com.omnichat.server.limits;

import com.omnichat.server.config.VisitorLimitSettings;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.metrics.ServerMetrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Abuse limits of visitor traffic on both APIs (PROTOCOL.md §A.2, §C.6), counted together so an address cannot
 * double its allowance by mixing the legacy and the new widget routes. Token buckets from Bucket4j; the sizes come
 * from the environment ({@link VisitorLimitSettings}).
 */
public final class VisitorLimits {
    private static final int MAX_REMEMBERED_SOCKET_IDS = 100_000;
    /** Open visitor sockets per address, the legacy /ws/{user_id} and the v1 visitor stream together (§A.11). */
    public static final int MAX_SOCKETS_PER_ADDRESS = 200;

    private final ServerMetrics metrics;
    private final KeyedBuckets messagesPerId;
    private final KeyedBuckets messagesPerIp;
    private final KeyedBuckets newSocketIdsPerIp;
    private final KeyedBuckets followupsPerId;
    private final KeyedBuckets widgetSessionsPerIp;
    private final OpenConnections socketsPerIp = new OpenConnections(MAX_SOCKETS_PER_ADDRESS);
    private final Map<String, Boolean> knownSocketIds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED_SOCKET_IDS;
        }
    };

    public VisitorLimits(VisitorLimitSettings settings, ServerMetrics metrics) {
        this.metrics = metrics;
        this.messagesPerId = new KeyedBuckets(settings.messagesPerMinute(), Duration.ofMinutes(1));
        this.messagesPerIp = new KeyedBuckets(settings.messagesPerMinutePerIp(), Duration.ofMinutes(1));
        this.newSocketIdsPerIp = new KeyedBuckets(settings.newSocketIdsPerHourPerIp(), Duration.ofHours(1));
        this.followupsPerId = new KeyedBuckets(settings.followupsPerHour(), Duration.ofHours(1));
        this.widgetSessionsPerIp = new KeyedBuckets(settings.widgetSessionsPerHourPerIp(), Duration.ofHours(1));
    }

    /** Counts one visitor message; throws 429 when the id or the address sent too many. */
    public void message(long tenantId, String externalId, String ip) {
        long wait = messagesPerId.take(tenantId + "\u0000" + externalId);
        if (wait > 0) {
            throw limited(ServerMetrics.Limit.VISITOR_MESSAGES_PER_ID, wait);
        }
        wait = messagesPerIp.take(ip);
        if (wait > 0) {
            throw limited(ServerMetrics.Limit.VISITOR_MESSAGES_PER_IP, wait);
        }
    }

    private ApiException limited(ServerMetrics.Limit limit, long wait) {
        metrics.rateLimited(limit);
        return ApiException.rateLimited(wait);
    }

    /**
     * Whether an address may open a socket for this id. Only ids it has not used lately count, which slows the
     * guessing of short legacy ids without limiting reconnects.
     */
    public boolean socket(long tenantId, String externalId, String ip) {
        String key = ip + "\u0000" + tenantId + "\u0000" + externalId;
        synchronized (knownSocketIds) {
            if (knownSocketIds.get(key) != null) {
                return true;
            }
        }
        if (newSocketIdsPerIp.take(ip) > 0) {
            metrics.rateLimited(ServerMetrics.Limit.NEW_SOCKET_IDS_PER_IP);
            return false;
        }
        synchronized (knownSocketIds) {
            knownSocketIds.put(key, Boolean.TRUE);
        }
        return true;
    }

    /** Takes one of the address's visitor socket places; false when it has them all open already. */
    public boolean openSocket(String ip) {
        return socketsPerIp.tryOpen(ip);
    }

    /** Gives back the place of a visitor socket that {@link #openSocket} let in. */
    public void socketClosed(String ip) {
        socketsPerIp.close(ip);
    }

    /** Counts one new widget session; throws 429 when one address opened too many this hour. */
    public void widgetSession(String ip) {
        long wait = widgetSessionsPerIp.take(ip);
        if (wait > 0) {
            throw limited(ServerMetrics.Limit.WIDGET_SESSIONS_PER_IP, wait);
        }
    }

    /** Counts one followup; throws 429 when one visitor sent too many this hour. */
    public void followup(long tenantId, String externalId) {
        long wait = followupsPerId.take(tenantId + "\u0000" + externalId);
        if (wait > 0) {
            throw limited(ServerMetrics.Limit.FOLLOWUPS_PER_ID, wait);
        }
    }
}
