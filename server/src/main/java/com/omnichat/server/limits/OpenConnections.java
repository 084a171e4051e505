package com.omnichat.server.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many sockets are open per key (a user, a conversation, an address), with a ceiling (PROTOCOL.md §A.11, §A.12,
 * §C.7). Taking a place checks and counts in one step, so connections arriving together cannot all slip under the cap.
 */
public final class OpenConnections {
    private final int max;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public OpenConnections(int max) {
        this.max = max;
    }

    /** Takes a place for one more socket under this key; false, and nothing taken, when the key is at its ceiling. */
    public boolean tryOpen(String key) {
        boolean[] taken = {false};
        open.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= max) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Gives back a place; call exactly once for each successful {@link #tryOpen}. */
    public void close(String key) {
        open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }
}
