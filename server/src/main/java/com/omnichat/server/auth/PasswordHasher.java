package com.omnichat.server.auth;

import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt at cost 12. Hashes written as $2b$ (Python's passlib) or $2y$ (PHP) are the same algorithm as $2a$, which
 * is the only prefix jBCrypt reads, so the prefix is normalised before checking.
 */
public final class PasswordHasher {
    public static final int MIN_LENGTH = 10;
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
        String normalised = storedHash.startsWith("$2b$") || storedHash.startsWith("$2y$")
                ? "$2a$" + storedHash.substring(4)
                : storedHash;
        try {
            return BCrypt.checkpw(password, normalised);
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }

    /** Spends the same time as a real check, so an unknown email cannot be told apart by timing. */
    public void verifyAgainstDummy(String password) {
        verify(password == null ? "" : password, dummyHash);
    }
}
