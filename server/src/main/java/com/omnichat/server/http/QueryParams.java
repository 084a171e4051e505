package com.omnichat.server.http;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Typed query parameters that fail with a 422 naming the parameter. */
public final class QueryParams {
    private QueryParams() {
    }

    public static int integer(Context ctx, String name, int fallback, int min, int max) {
        Long value = optionalLong(ctx, name);
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw ApiException.invalid(new FieldError("query", name, "value_error",
                    "must be between " + min + " and " + max));
        }
        return value.intValue();
    }

    public static Long optionalLong(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(new FieldError("query", name, "int_parsing", "Input should be a valid integer"));
        }
    }

    public static Instant optionalInstant(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(new FieldError("query", name, "value_error", "must be an ISO-8601 UTC timestamp"));
        }
    }

    /** A comma-separated list whose every item must be one of {@code allowed}. */
    public static List<String> list(Context ctx, String name, Set<String> allowed) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> values = Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw ApiException.invalid(new FieldError("query", name, "value_error",
                        "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
        return values;
    }
}
