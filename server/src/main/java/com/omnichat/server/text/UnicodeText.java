package com.omnichat.server.text;

import java.util.Optional;

/**
 * How the server measures, checks and cuts text (PROTOCOL.md §0): lengths in code points, never half a surrogate pair,
 * and no unpaired surrogate ever reaches storage, where SQLite would turn it into a '?' that no retry can match.
 */
public final class UnicodeText {
    private static final char REPLACEMENT = '\uFFFD';

    private UnicodeText() {
    }

    /** Why a text is refused: a legacy error type ({@code value_error}, {@code string_too_long}) and a sentence. */
    public record Problem(String type, String message) {
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** True when every surrogate is half of a pair, so the text has a UTF-8 form. */
    public static boolean isWellFormed(String text) {
        return firstUnpairedSurrogate(text) < 0;
    }

    /** The one rule for text a person sent: valid Unicode, not blank when required, at most {@code max} code points. */
    public static Optional<Problem> check(String text, int max, boolean notBlank) {
        if (!isWellFormed(text)) {
            return Optional.of(new Problem("value_error", "must be valid Unicode (an unpaired surrogate was sent)"));
        }
        if (notBlank && text.isBlank()) {
            return Optional.of(new Problem("value_error", "must not be blank"));
        }
        if (length(text) > max) {
            return Optional.of(new Problem("string_too_long", "must be at most " + max + " characters"));
        }
        return Optional.empty();
    }

    /** The first {@code max} code points; a surrogate pair is kept whole or left out whole. */
    public static String clip(String text, int max) {
        if (length(text) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }

    /**
     * The text with each unpaired surrogate replaced by U+FFFD, for provider input that cannot be refused (a 4xx to a
     * webhook only makes the provider retry the same bytes); the same input always gives the same result.
     */
    public static String repaired(String text) {
        int bad = firstUnpairedSurrogate(text);
        if (bad < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(ch).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(ch) ? REPLACEMENT : ch);
            }
        }
        return out.toString();
    }

    private static int firstUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return i;
            }
        }
        return -1;
    }
}
