package com.omnichat.server.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Bucket4j token bucket per key; the least recently used keys are forgotten so memory stays bounded. A capacity
 * of 0 means no limit: every take succeeds and nothing is remembered.
 */
public final class KeyedBuckets {
    private static final int MAX_KEYS = 100_000;

    private final int capacity;
    private final Duration period;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public KeyedBuckets(int capacity, Duration period) {
        this.capacity = capacity;
        this.period = period;
    }

    /** Takes one token: 0 when it was available, else the seconds until one will be. */
    public synchronized long take(String key) {
        if (capacity == 0) {
            return 0;
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
}
