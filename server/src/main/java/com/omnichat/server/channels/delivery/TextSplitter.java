package com.omnichat.server.channels.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a long text into parts a provider accepts, at whitespace where there is any (§D.2: 1,600; §D.3: 2,000).
 * Unlike message lengths (code points, {@code UnicodeText}), parts are measured in UTF-16 units, the providers' own
 * count, so an emoji-heavy part never exceeds their limit; a cut never falls inside a surrogate pair.
 */
public final class TextSplitter {
    private TextSplitter() {
    }

    public static List<String> split(String text, int maxChars) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > maxChars) {
            int cut = lastWhitespace(rest, maxChars);
            if (cut <= 0) {
                cut = maxChars;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    /** The index of the last whitespace at or before {@code limit}, so the part before it fits. */
    private static int lastWhitespace(String text, int limit) {
        for (int i = limit; i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
