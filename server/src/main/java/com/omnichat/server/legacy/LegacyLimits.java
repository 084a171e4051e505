package com.omnichat.server.legacy;

import com.omnichat.server.errors.ApiException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rate limits of the legacy visitor routes (PROTOCOL.md §A.2). */
public final class LegacyLimits {
    private static final int MAX_REMEMBERED_SOCKET_IDS = 100_000;

    private final KeyedBuckets messagesPerId = new KeyedBuckets(30, Duration.ofMinutes(1));
    private final KeyedBuckets messagesPerIp = new KeyedBuckets(120, Duration.ofMinutes(1));
    private final KeyedBuckets newSocketIdsPerIp = new KeyedBuckets(30, Duration.ofHours(1));
    private final Map<String, Boolean> knownSocketIds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED_SOCKET_IDS;
        }
    };

    /** Counts one visitor message; throws 429 when the id or the address sent too many. */
    void message(long tenantId, String externalId, String ip) {
        long wait = messagesPerId.take(tenantId + "\u0000" + externalId);
        if (wait == 0) {
            wait = messagesPerIp.take(ip);
        }
        if (wait > 0) {
            throw ApiException.rateLimited(wait);
        }
    }

    /**
     * Whether an address may open a socket for this id. Only ids it has not used lately count, which slows the
     * guessing of short legacy ids without limiting reconnects.
     */
    boolean socket(long tenantId, String externalId, String ip) {
        String key = ip + "\u0000" + tenantId + "\u0000" + externalId;
        synchronized (knownSocketIds) {
            if (knownSocketIds.get(key) != null) {
                return true;
            }
        }
        if (newSocketIdsPerIp.take(ip) > 0) {
            return false;
        }
        synchronized (knownSocketIds) {
            knownSocketIds.put(key, Boolean.TRUE);
        }
        return true;
    }
}
