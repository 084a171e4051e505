package com.omnichat.server.analytics;

import com.omnichat.protocol.AnalyticsSummary;
import java.util.Arrays;

/** A growable list of durations in microseconds, without boxing: a year of samples is a few hundred thousand. */
final class DurationList {
    private long[] values = new long[16];
    private int size;

    void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    AnalyticsSummary.Durations durations() {
        return NearestRank.durations(Arrays.copyOf(values, size));
    }

    Double median() {
        return durations().median();
    }
}
