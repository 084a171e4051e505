package com.omnichat.server.adminapp;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request path below {@code /admin-app/} that may name a file: plain segments only. Anything that could climb out
 * of the app's root or reach hidden files ({@code ..}, {@code .env}, backslashes, drive letters, control characters)
 * names no file, so the request gets the index page like any other unknown path.
 */
final class AppPath {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_~\\-][A-Za-z0-9_~.\\-@+]*");

    private AppPath() {
    }

    /** The path's segments, or empty when the path cannot name a file of the app. */
    static Optional<List<String>> segments(String path) {
        if (path == null || path.isEmpty() || path.length() > 512) {
            return Optional.empty();
        }
        List<String> segments = List.of(path.split("/", -1));
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(segments);
    }
}
