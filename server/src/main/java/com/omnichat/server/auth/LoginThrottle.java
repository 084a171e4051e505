package com.omnichat.server.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Failed sign-ins per account (5 per 15 minutes) and per IP (20 per 15 minutes), counted with Bucket4j token buckets;
 * once a bucket is empty every attempt, even with the right password, waits until it refills.
 */
public final class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 100_000;

    private final BucketMap byAccount = new BucketMap(5);
    private final BucketMap byIp = new BucketMap(20);

    /** Seconds to wait before another attempt is allowed, or empty when one is allowed now. */
    public OptionalLong retryAfter(String email, String ip) {
        long wait = Math.max(byAccount.waitSeconds(email), byIp.waitSeconds(ip));
        return wait > 0 ? OptionalLong.of(wait) : OptionalLong.empty();
    }

    public void recordFailure(String email, String ip) {
        byAccount.consume(email);
        byIp.consume(ip);
    }

    private static final class BucketMap {
        private final int capacity;
        private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_KEYS;
            }
        };

        BucketMap(int capacity) {
            this.capacity = capacity;
        }

        synchronized void consume(String key) {
            bucket(key).tryConsume(1);
        }

        synchronized long waitSeconds(String key) {
            Bucket bucket = buckets.get(key);
            if (bucket == null || bucket.getAvailableTokens() > 0) {
                return 0;
            }
            long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        }

        private Bucket bucket(String key) {
            return buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillIntervally(capacity, WINDOW).build())
                    .build());
        }
    }
}
