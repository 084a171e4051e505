package com.omnichat.server.importer;

import com.omnichat.protocol.Timestamps;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * The old system wrote ISO-8601 text, with or without fraction and zone, and SQLite's {@code YYYY-MM-DD HH:MM:SS};
 * a time without a zone is UTC (both the old server and SQLite's CURRENT_TIMESTAMP wrote UTC).
 */
final class LegacyTimestamps {
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private LegacyTimestamps() {
    }

    /** Epoch microseconds, or empty when the text is not one of the old formats. */
    static Optional<Long> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            var parsed = LOCAL.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
            OffsetDateTime time = parsed instanceof OffsetDateTime offset ? offset
                    : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
            return Optional.of(Timestamps.toMicros(time.toInstant()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
