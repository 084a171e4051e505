package com.omnichat.server.auth;

/** A signed-in staff member, as checked against the database for this request. */
public record Principal(long userId, long tenantId, String email, String name, Role role, String tokenId, long tokenExpiresAt) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public String authorKey() {
        return "staff:" + userId;
    }
}
