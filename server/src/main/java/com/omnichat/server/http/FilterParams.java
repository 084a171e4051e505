package com.omnichat.server.http;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query filters of the history, followup, export and audit lists; each fails with a 422 naming the parameter. */
public final class FilterParams {
    private FilterParams() {
    }

    public static Boolean optionalBoolean(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return switch (raw.trim().toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.invalid(new FieldError("query", name, "value_error", "must be true or false"));
        };
    }

    /**
     * A bound of a time range in epoch micros: an ISO-8601 UTC timestamp, or a date (the start of that UTC day).
     * Null when absent.
     */
    public static Long optionalTime(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String value = raw.trim();
        try {
            Instant instant = value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
            // Computed from the epoch second, so far-off years are refused instead of overflowing.
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.invalid(new FieldError("query", name, "value_error",
                    "must be a date (YYYY-MM-DD) or an ISO-8601 UTC timestamp"));
        }
    }

    /** A {@code from}/{@code to} pair whose {@code to} is not before its {@code from}. */
    public static Long[] range(Context ctx) {
        Long from = optionalTime(ctx, "from");
        Long to = optionalTime(ctx, "to");
        if (from != null && to != null && to < from) {
            throw ApiException.invalid(new FieldError("query", "to", "value_error", "must not be before from"));
        }
        return new Long[]{from, to};
    }

    /** A search text of at least two characters, trimmed; null when absent. */
    public static String search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isEmpty()) {
            return null;
        }
        if (q.trim().length() < 2 || q.length() > 200) {
            throw ApiException.invalid(new FieldError("query", "q", "value_error", "must be 2 to 200 characters"));
        }
        return q.trim();
    }
}
