package com.omnichat.desktop.api;

/** The signed-in staff member as {@code GET /api/v1/auth/me} reports it. */
public record StaffIdentity(long id, long tenantId, String email, String name, String role) {
    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
