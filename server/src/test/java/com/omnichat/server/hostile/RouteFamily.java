package com.omnichat.server.hostile;

import com.omnichat.server.http.RouteTable;

/** The groups of routes whose clients, credentials and error shape go together; each is attacked on its own. */
enum RouteFamily {
    LEGACY_VISITOR, LEGACY_STAFF, V1_STAFF, V1_ADMIN, WIDGET, WEBHOOKS, PLATFORM, PUBLIC, SOCKETS;

    static RouteFamily of(RouteTable.Route route) {
        boolean v1 = route.path().startsWith("/api/v1/");
        if (route.method().equals("WS")) {
            return SOCKETS;
        }
        return switch (route.access()) {
            case PUBLIC -> PUBLIC;
            case VISITOR -> v1 ? WIDGET : LEGACY_VISITOR;
            case STAFF -> v1 ? V1_STAFF : LEGACY_STAFF;
            case ADMIN -> v1 ? V1_ADMIN : LEGACY_STAFF;
            case PLATFORM -> PLATFORM;
            case WEBHOOK -> WEBHOOKS;
        };
    }

    /** Which error body a path answers: PROTOCOL.md A.1 ({"detail"}), C.1 ({"error"}), or both (A.4). */
    enum Shape { DETAIL, ERROR, BOTH }

    static Shape shapeOf(String path) {
        if (path.equals("/api/v1/auth/login") || path.equals("/api/v1/auth/me")) {
            return Shape.BOTH;
        }
        return path.startsWith("/api/v1/") ? Shape.ERROR : Shape.DETAIL;
    }
}
