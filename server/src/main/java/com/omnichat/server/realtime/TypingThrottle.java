package com.omnichat.server.realtime;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one typing start per key every two seconds: the widget sends one per keystroke. A stop always passes and
 * ends the window, so typing again after a stop is news, not a repeat.
 */
public final class TypingThrottle {
    private static final long START_INTERVAL_MS = 2_000;
    private static final int MAX_KEYS = 10_000;

    private final Map<String, Long> lastStart = new ConcurrentHashMap<>();
    private final Clock clock;

    public TypingThrottle(Clock clock) {
        this.clock = clock;
    }

    public boolean allow(String key, boolean start) {
        if (!start) {
            lastStart.remove(key);
            return true;
        }
        long now = clock.millis();
        if (lastStart.size() > MAX_KEYS) {
            lastStart.values().removeIf(at -> now - at >= START_INTERVAL_MS);
        }
        boolean[] allowed = new boolean[1];
        lastStart.compute(key, (k, at) -> {
            allowed[0] = at == null || now - at >= START_INTERVAL_MS;
            return allowed[0] ? now : at;
        });
        return allowed[0];
    }
}
