package com.omnichat.server.errors;

import java.util.List;
import java.util.Map;

/**
 * A refusal a client should see: status, machine code and a sentence, rendered as {"detail"} on legacy routes and
 * {"error"} on /api/v1. Field errors render as the legacy 422 list or the v1 details.fields map.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<FieldError> fieldErrors;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of(), Map.of());
    }

    public ApiException(int status, String code, String message, List<FieldError> fieldErrors, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.details = Map.copyOf(details);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException forbidden() {
        return new ApiException(403, "forbidden", "Forbidden");
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException invalid(FieldError... errors) {
        return invalid(List.of(errors));
    }

    public static ApiException invalid(List<FieldError> errors) {
        String message = errors.isEmpty() ? "Invalid request" : sentence(errors.get(0));
        return new ApiException(422, "validation_failed", message, errors, Map.of());
    }

    /** "text: Field required" names the field; an error about the whole body has no field to name. */
    private static String sentence(FieldError error) {
        return error.field() == null ? error.message() : error.field() + ": " + error.message();
    }

    public static ApiException unauthenticated(String message) {
        return new ApiException(401, "unauthenticated", message);
    }

    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(429, "rate_limited", "Too many requests", List.of(),
                Map.of("retry_after", Math.max(1, retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, Object> details() {
        return details;
    }
}
