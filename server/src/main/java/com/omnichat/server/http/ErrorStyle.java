package com.omnichat.server.http;

/**
 * Which error body a path answers with: the legacy {"detail"} shape, the v1 {"error"} shape, or both (the two
 * legacy routes that live under /api/v1, PROTOCOL.md §A.4).
 */
public enum ErrorStyle {
    LEGACY, V1, BOTH;

    public static ErrorStyle of(String path) {
        if (path.equals("/api/v1/auth/login") || path.equals("/api/v1/auth/me")) {
            return BOTH;
        }
        return path.startsWith("/api/v1/") ? V1 : LEGACY;
    }
}
