package com.omnichat.desktop.api;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Reconnect delays: start, doubling up to a ceiling, forever, with jitter so clients do not reconnect in step. */
public final class Backoff {
    private final Duration first;
    private final Duration ceiling;
    private final DoubleSupplier random;
    private int failures;

    public Backoff(Duration first, Duration ceiling, DoubleSupplier random) {
        this.first = first;
        this.ceiling = ceiling;
        this.random = random;
    }

    /** PROTOCOL.md §C.7: 1 s doubling to 30 s. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Math::random);
    }

    /** The delay before the next attempt; each call counts one more failure. */
    public synchronized Duration next() {
        long base = first.toMillis() << Math.min(failures, 20);
        long capped = Math.min(base, ceiling.toMillis());
        failures++;
        // Full jitter on the upper half: between half and all of the capped delay.
        return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped / 2.0)));
    }

    public synchronized int failures() {
        return failures;
    }

    public synchronized void reset() {
        failures = 0;
    }
}
