package com.omnichat.server.errors;

/**
 * One wrong field. {@code location} is body, query or path; {@code type} one of the legacy error types
 * (missing, json_invalid, string_type, int_parsing, string_too_long, value_error).
 */
public record FieldError(String location, String field, String type, String message) {
    public static FieldError missing(String location, String field) {
        return new FieldError(location, field, "missing", "Field required");
    }

    public static FieldError body(String field, String type, String message) {
        return new FieldError("body", field, type, message);
    }
}
