package com.omnichat.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Wire timestamps: ISO-8601 UTC with exactly six fractional digits and a Z (PROTOCOL.md §0). */
public final class Timestamps {
    private static final DateTimeFormatter WIRE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : WIRE.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** Storage keeps epoch microseconds; a null column stays null on the wire. */
    public static String formatMicros(Long epochMicros) {
        return epochMicros == null ? null : format(fromMicros(epochMicros));
    }

    public static Instant fromMicros(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }

    public static long toMicros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    public static Instant parse(String wire) {
        return Instant.parse(wire);
    }
}
