package com.omnichat.server.analytics;

import com.omnichat.protocol.AnalyticsSummary;
import java.util.Arrays;

/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at rank ⌈p/100 · n⌉
 * (1-based), always one of the samples, never an interpolation.
 */
final class NearestRank {
    private NearestRank() {
    }

    /** Sorts {@code micros} in place. */
    static AnalyticsSummary.Durations durations(long[] micros) {
        if (micros.length == 0) {
            return new AnalyticsSummary.Durations(null, null, 0);
        }
        long[] sorted = micros;
        Arrays.sort(sorted);
        return new AnalyticsSummary.Durations(seconds(at(sorted, 50)), seconds(at(sorted, 90)), sorted.length);
    }

    private static long at(long[] sorted, int percent) {
        long rank = ((long) percent * sorted.length + 99) / 100;
        return sorted[(int) Math.max(rank, 1) - 1];
    }

    private static double seconds(long micros) {
        return micros / 1_000_000.0;
    }
}
