package com.omnichat.desktop.api;

import java.util.Map;

/** A failed call to the server, classified by what the user can do about it. */
public final class ApiFailure extends RuntimeException {
    public enum Kind {
        /** No answer from the server: the network or the server is down. Worth retrying. */
        UNREACHABLE,
        /** Sign-in refused: wrong email or password, or the account is deactivated. */
        INVALID_CREDENTIALS,
        /** The token is no longer accepted (expired, revoked, user deactivated). */
        UNAUTHENTICATED,
        FORBIDDEN,
        NOT_FOUND,
        RATE_LIMITED,
        /** The server refused the request as it stands (4xx); retrying the same request will not help. */
        REJECTED,
        /** The server failed (5xx). Worth retrying. */
        SERVER
    }

    private final Kind kind;
    private final int status;
    private final String code;
    private final Map<String, String> fields;

    public ApiFailure(Kind kind, int status, String code, String message, Throwable cause) {
        this(kind, status, code, message, Map.of(), cause);
    }

    public ApiFailure(Kind kind, int status, String code, String message, Map<String, String> fields, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.fields = Map.copyOf(fields);
    }

    public static ApiFailure unreachable(String baseUrl, Throwable cause) {
        return new ApiFailure(Kind.UNREACHABLE, 0, "unreachable", "Cannot reach the server at " + baseUrl, cause);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /**
     * What was wrong with which field, by the server's dotted path ({@code widget.primary_color},
     * {@code business_hours.mon[0]}): a 422's {@code details.fields}, or a 409's {@code details.field}.
     */
    public Map<String, String> fields() {
        return fields;
    }

    /** Whether the same request may succeed later without change (the outbox keeps such replies). */
    public boolean retryable() {
        return kind == Kind.UNREACHABLE || kind == Kind.SERVER || kind == Kind.RATE_LIMITED;
    }
}
