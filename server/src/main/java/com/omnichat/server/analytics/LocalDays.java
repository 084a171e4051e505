package com.omnichat.server.analytics;

import com.omnichat.protocol.Timestamps;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * The days of a report range in the tenant's timezone, and the local hour of an instant: the arithmetic a report
 * does for every stored row, done on epoch microseconds without building a date object per row.
 */
final class LocalDays {
    private final LocalDate first;
    /** Local midnights in epoch microseconds: day i is [midnights[i], midnights[i + 1]). */
    private final long[] midnights;
    private final ZoneRules rules;

    LocalDays(LocalDate first, LocalDate end, ZoneId zone) {
        this.first = first;
        this.rules = zone.getRules();
        int count = (int) (end.toEpochDay() - first.toEpochDay());
        this.midnights = new long[count + 1];
        for (int i = 0; i <= count; i++) {
            midnights[i] = Timestamps.toMicros(first.plusDays(i).atStartOfDay(zone).toInstant());
        }
    }

    int count() {
        return midnights.length - 1;
    }

    long start() {
        return midnights[0];
    }

    long end() {
        return midnights[midnights.length - 1];
    }

    LocalDate date(int index) {
        return first.plusDays(index);
    }

    /** The index of the day {@code micros} falls on; the caller passes only instants inside the range. */
    int indexOf(long micros) {
        int found = Arrays.binarySearch(midnights, micros);
        return found >= 0 ? found : -found - 2;
    }

    int hourOf(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long local = seconds + rules.getOffset(Instant.ofEpochSecond(seconds)).getTotalSeconds();
        return (int) (Math.floorMod(local, 86_400L) / 3_600);
    }
}
