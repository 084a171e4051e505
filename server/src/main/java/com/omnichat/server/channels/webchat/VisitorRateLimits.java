package com.omnichat.server.channels.webchat;

import com.omnichat.server.errors.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Abuse limits of visitor traffic (PROTOCOL.md §A.2): 30 messages a minute per visitor, 120 per IP, 30 new widget
 * sessions an hour per IP. Token buckets from Bucket4j; the key maps are bounded so an attacker cannot grow them.
 */
public final class VisitorRateLimits {
    private static final int MAX_KEYS = 100_000;

    private final Buckets messagesPerVisitor = new Buckets(30, Duration.ofMinutes(1));
    private final Buckets messagesPerIp = new Buckets(120, Duration.ofMinutes(1));
    private final Buckets sessionsPerIp = new Buckets(30, Duration.ofHours(1));

    public void checkMessage(long tenantId, String externalId, String ip) {
        messagesPerVisitor.take(tenantId + ":" + externalId);
        messagesPerIp.take(ip);
    }

    public void checkSession(String ip) {
        sessionsPerIp.take(ip);
    }

    private static final class Buckets {
        private final int capacity;
        private final Duration period;
        private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_KEYS;
            }
        };

        Buckets(int capacity, Duration period) {
            this.capacity = capacity;
            this.period = period;
        }

        void take(String key) {
            Bucket bucket;
            synchronized (this) {
                bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()).build());
            }
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                throw ApiException.rateLimited((probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            }
        }
    }
}
