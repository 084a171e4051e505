package com.omnichat.server.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One Bucket4j token bucket per key; the least recently used keys are forgotten so memory stays bounded. A capacity
 * of 0 means no limit: every take succeeds and nothing is remembered.
 */
public final class KeyedBuckets {
    private static final int MAX_KEYS = 100_000;

    /** Null when the capacity is 0: no limit. */
    private final Supplier<Bucket> newBucket;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** {@code capacity} per {@code period}, refilled a token at a time as the period goes by. */
    public KeyedBuckets(int capacity, Duration period) {
        this(capacity == 0 ? null : () -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build());
    }

    private KeyedBuckets(Supplier<Bucket> newBucket) {
        this.newBucket = newBucket;
    }

    /**
     * {@code capacity} per {@code window}, refilled all at once when the window has passed: once spent, the key waits
     * the window out instead of earning a new try every few seconds.
     */
    public static KeyedBuckets perWindow(int capacity, Duration window) {
        return new KeyedBuckets(capacity == 0 ? null : () -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillIntervally(capacity, window).build())
                .build());
    }

    /** Takes one token: 0 when it was available, else the seconds until one will be. */
    public synchronized long take(String key) {
        if (newBucket == null) {
            return 0;
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(key, k -> newBucket.get()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    /** Returns a token taken for something that turned out not to count (never above the capacity). */
    public synchronized void giveBack(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }
}
