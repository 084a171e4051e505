package com.omnichat.server.auth;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule every new password meets, wherever it is chosen (PROTOCOL.md §B.3): at least 10 characters, at most 72
 * UTF-8 bytes (bcrypt reads no further, so anything longer would be a password that only its first 72 bytes guard),
 * not blank, and not one of the most common passwords.
 */
public final class PasswordPolicy {
    private static final Set<String> COMMON = load("/auth/common-passwords.txt");

    private PasswordPolicy() {
    }

    public static void check(String field, String password) {
        Violation violation = violation(password);
        if (violation != null) {
            throw ApiException.invalid(FieldError.body(field, violation.type(), violation.message()));
        }
    }

    /** The field error for {@code password} under {@code field}, or null when it is acceptable. */
    public static FieldError error(String field, String password) {
        Violation violation = violation(password);
        return violation == null ? null : FieldError.body(field, violation.type(), violation.message());
    }

    private record Violation(String type, String message) {
    }

    private static Violation violation(String password) {
        if (blank(password)) {
            return new Violation("value_error", "must not be blank");
        }
        if (password.codePointCount(0, password.length()) < PasswordHasher.MIN_LENGTH) {
            return new Violation("value_error", "must be at least " + PasswordHasher.MIN_LENGTH + " characters");
        }
        if (PasswordHasher.utf8Bytes(password) > PasswordHasher.MAX_BYTES) {
            return new Violation("string_too_long", "must be at most " + PasswordHasher.MAX_BYTES
                    + " bytes in UTF-8 (bcrypt reads no further)");
        }
        if (COMMON.contains(normalise(password))) {
            return new Violation("value_error", "is one of the most common passwords; choose another");
        }
        return null;
    }

    /** Only spaces, whitespace or invisible formatting characters (a zero-width space) is as good as nothing. */
    private static boolean blank(String password) {
        return password.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.getType(cp) == Character.FORMAT);
    }

    private static String normalise(String password) {
        return password.strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> load(String resource) {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .map(PasswordPolicy::normalise).collect(Collectors.toUnmodifiableSet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
