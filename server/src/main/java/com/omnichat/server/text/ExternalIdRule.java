package com.omnichat.server.text;

import java.util.Optional;

/**
 * What a client-chosen external id (a legacy visitor's {@code user_id}, a provider's sender) may look like
 * (PROTOCOL.md §0): 1–128 code points, no control characters, no invisible formatting characters (zero-width,
 * bidirectional marks, overrides and isolates, BOM, soft hyphen: Unicode category Cf), no line or paragraph
 * separators, no unpaired surrogate, and no whitespace at either end. Anything else could name a second conversation
 * that looks exactly like a real one in every staff list, or slip a {@code v_} id past the legacy routes' refusal.
 */
public final class ExternalIdRule {
    public static final int MAX_LENGTH = 128;

    private ExternalIdRule() {
    }

    /** Empty when the id is acceptable, else why not (a sentence for the 422 or the close reason). */
    public static Optional<String> problem(String id) {
        if (!UnicodeText.isWellFormed(id)) {
            return Optional.of("must be valid Unicode");
        }
        int length = UnicodeText.length(id);
        if (length < 1 || length > MAX_LENGTH) {
            return Optional.of("must be 1 to " + MAX_LENGTH + " characters");
        }
        if (isSpace(id.codePointAt(0)) || isSpace(id.codePointBefore(id.length()))) {
            return Optional.of("must not begin or end with whitespace");
        }
        if (id.codePoints().anyMatch(ExternalIdRule::isInvisible)) {
            return Optional.of("must not contain control or invisible formatting characters");
        }
        return Optional.empty();
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static boolean isInvisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }
}
