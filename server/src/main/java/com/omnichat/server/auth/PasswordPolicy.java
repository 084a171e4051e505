package com.omnichat.server.auth;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;

/** The rule every new password meets, wherever it is chosen (PROTOCOL.md §B.3). */
public final class PasswordPolicy {
    private PasswordPolicy() {
    }

    /** The reason {@code password} is refused, or null when it is acceptable. */
    public static String problem(String password) {
        return password.length() < PasswordHasher.MIN_LENGTH
                ? "must be at least " + PasswordHasher.MIN_LENGTH + " characters"
                : null;
    }

    public static void check(String field, String password) {
        String problem = problem(password);
        if (problem != null) {
            throw ApiException.invalid(FieldError.body(field, "value_error", problem));
        }
    }
}
