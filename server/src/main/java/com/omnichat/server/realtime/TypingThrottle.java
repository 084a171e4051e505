package com.omnichat.server.realtime;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Lets at most one typing start through per key every 2 s (widgets send one per keystroke); stops always pass. */
public final class TypingThrottle {
    private static final long INTERVAL_MILLIS = 2_000;
    private static final int MAX_KEYS = 100_000;

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
            lastStart.clear();
        }
        Long previous = lastStart.get(key);
        if (previous != null && now - previous < INTERVAL_MILLIS) {
            return false;
        }
        lastStart.put(key, now);
        return true;
    }
}
