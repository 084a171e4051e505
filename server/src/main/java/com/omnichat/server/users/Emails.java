package com.omnichat.server.users;

/** Emails are stored trimmed and lower-case, so uniqueness and sign-in ignore case (PROTOCOL.md §A.4). */
public final class Emails {
    private static final int MAX_LENGTH = 254;

    private Emails() {
    }

    public static String normalise(String raw) {
        return raw.trim().toLowerCase();
    }

    /** Deliberately loose: one @ with something on both sides and no spaces; delivery is not our concern. */
    public static boolean plausible(String normalised) {
        return normalised.length() <= MAX_LENGTH && normalised.matches("[^@\\s]+@[^@\\s]+");
    }
}
