package com.omnichat.server.limits;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.metrics.ServerMetrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Abuse limits of visitor traffic on both APIs (PROTOCOL.md §A.2, §C.6), counted together so an address cannot
 * double its allowance by mixing the legacy and the new widget routes. Token buckets from Bucket4j.
 */
public final class VisitorLimits {
    private static final int MAX_REMEMBERED_SOCKET_IDS = 100_000;

    private final ServerMetrics metrics;
    private final KeyedBuckets messagesPerId = new KeyedBuckets(30, Duration.ofMinutes(1));
    private final KeyedBuckets messagesPerIp = new KeyedBuckets(120, Duration.ofMinutes(1));
    private final KeyedBuckets newSocketIdsPerIp = new KeyedBuckets(30, Duration.ofHours(1));
    private final KeyedBuckets followupsPerId = new KeyedBuckets(5, Duration.ofHours(1));
    private final KeyedBuckets widgetSessionsPerIp = new KeyedBuckets(30, Duration.ofHours(1));
    private final Map<String, Boolean> knownSocketIds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED_SOCKET_IDS;
        }
    };

    public VisitorLimits(ServerMetrics metrics) {
        this.metrics = metrics;
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

    /** Counts one new widget session; throws 429 past 30 an hour from one address. */
    public void widgetSession(String ip) {
        long wait = widgetSessionsPerIp.take(ip);
        if (wait > 0) {
            throw limited(ServerMetrics.Limit.WIDGET_SESSIONS_PER_IP, wait);
        }
    }

    /** Counts one followup; throws 429 past 5 an hour from one visitor. */
    public void followup(long tenantId, String externalId) {
        long wait = followupsPerId.take(tenantId + "\u0000" + externalId);
        if (wait > 0) {
            throw limited(ServerMetrics.Limit.FOLLOWUPS_PER_ID, wait);
        }
    }
}
