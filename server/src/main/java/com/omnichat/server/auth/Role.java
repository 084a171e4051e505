package com.omnichat.server.auth;

import java.util.Optional;

public enum Role {
    ADMIN, STAFF;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<Role> parse(String value) {
        if ("admin".equals(value)) {
            return Optional.of(ADMIN);
        }
        if ("staff".equals(value)) {
            return Optional.of(STAFF);
        }
        return Optional.empty();
    }
}
