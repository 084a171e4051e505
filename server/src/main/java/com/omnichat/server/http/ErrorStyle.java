package com.omnichat.server.http;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which error body a path answers with: the legacy {"detail"} shape, the v1 {"error"} shape, or both (the two
 * legacy routes that live under /api/v1, PROTOCOL.md §A.4).
 */
public enum ErrorStyle {
    LEGACY, V1, BOTH;

    public static ErrorStyle of(String path) {
        String canonical = canonical(path);
        if (canonical.equals("/api/v1/auth/login") || canonical.equals("/api/v1/auth/me")) {
            return BOTH;
        }
        return canonical.startsWith("/api/v1/") ? V1 : LEGACY;
    }

    /**
     * The path with empty and dot segments resolved and segment parameters dropped: {@code /x/../api/v1/me},
     * {@code //api/v1/me} and {@code /api/v1/me;a=b} are refused in the shape of the family they point into, the one
     * their client reads, even though no route serves them as written.
     */
    static String canonical(String path) {
        Deque<String> segments = new ArrayDeque<>();
        boolean directory = false;
        for (String raw : path.split("/", -1)) {
            String segment = raw.replaceFirst(";.*", "");
            String dots = segment.replace("%2e", ".").replace("%2E", ".");
            // like RFC 3986's remove_dot_segments: "/a/b/.." is "/a/", a directory
            directory = segment.isEmpty() || dots.equals(".") || dots.equals("..");
            if (dots.equals("..")) {
                segments.pollLast();
            } else if (!directory) {
                segments.addLast(segment);
            }
        }
        String canonical = "/" + String.join("/", segments);
        return directory && !segments.isEmpty() ? canonical + "/" : canonical;
    }
}
