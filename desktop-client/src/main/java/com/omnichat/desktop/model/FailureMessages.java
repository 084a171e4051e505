package com.omnichat.desktop.model;

import com.omnichat.desktop.api.ApiFailure;

/** The sentence a person reads when a call fails. */
public final class FailureMessages {
    public static final String WRONG_PASSWORD = "Wrong email or password.";
    public static final String SESSION_EXPIRED = "Your session has expired. Please sign in again.";

    private FailureMessages() {
    }

    public static String describe(Throwable error) {
        Throwable cause = error;
        while (!(cause instanceof ApiFailure) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (!(cause instanceof ApiFailure failure)) {
            return "Something went wrong: " + error.getClass().getSimpleName();
        }
        return switch (failure.kind()) {
            case INVALID_CREDENTIALS -> WRONG_PASSWORD;
            case UNREACHABLE -> failure.getMessage() + ". Check the address and your connection.";
            case UNAUTHENTICATED -> SESSION_EXPIRED;
            case RATE_LIMITED -> "Too many attempts. Wait a few minutes and try again.";
            case FORBIDDEN -> "You are not allowed to do that.";
            case NOT_FOUND -> "It no longer exists.";
            default -> failure.getMessage();
        };
    }
}
