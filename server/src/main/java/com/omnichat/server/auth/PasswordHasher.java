package com.omnichat.server.auth;

import org.mindrot.jbcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt at cost 12. Hashes written as $2b$ (Python's passlib) or $2y$ (PHP) are the same algorithm as $2a$, which
 * is the only prefix jBCrypt reads, so the prefix is normalised before checking. bcrypt reads only the first 72 bytes
 * of a password, so a longer one never verifies: otherwise anything sharing those 72 bytes would sign in.
 */
public final class PasswordHasher {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;
    private static final int COST = 12;

    private final String dummyHash;

    public PasswordHasher() {
        this.dummyHash = BCrypt.hashpw("timing-equaliser-not-a-password", BCrypt.gensalt(COST));
    }

    public String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(COST));
    }

    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null || storedHash.length() < 7) {
            return false;
        }
        if (utf8Bytes(password) > MAX_BYTES) {
            // Spend the time of a real check, so an over-long guess is answered like any wrong one.
            verifyAgainstDummy("");
            return false;
        }
        String normalised = storedHash.startsWith("$2b$") || storedHash.startsWith("$2y$")
                ? "$2a$" + storedHash.substring(4)
                : storedHash;
        try {
            return BCrypt.checkpw(password, normalised);
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }

    public static int utf8Bytes(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Spends the same time as a real check, so an unknown email cannot be told apart by timing. */
    public void verifyAgainstDummy(String password) {
        verify(password == null ? "" : password, dummyHash);
    }
}
