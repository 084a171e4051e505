package com.omnichat.server.users;

import com.omnichat.protocol.Timestamps;

/** A staff account as the v1 API shows it (PROTOCOL.md §C.5); ids are decimal strings. */
public record UserView(String id, String email, String name, String role, boolean active, String createdAt,
                       String lastLoginAt, boolean online) {

    public static UserView of(User user, boolean online) {
        return new UserView(Long.toString(user.id()), user.email(), user.name(), user.storedRole(), user.active(),
                Timestamps.formatMicros(user.createdAt()), Timestamps.formatMicros(user.lastLoginAt()), online);
    }
}
