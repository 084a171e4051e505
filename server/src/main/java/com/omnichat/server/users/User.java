package com.omnichat.server.users;

import com.omnichat.server.auth.Role;

public record User(
        long id,
        long tenantId,
        String email,
        String name,
        String passwordHash,
        String storedRole,
        boolean active,
        long tokensValidAfter,
        long createdAt,
        Long lastLoginAt) {

    /** Empty for a stored role that cannot sign in. */
    public java.util.Optional<Role> role() {
        return Role.parse(storedRole);
    }
}
