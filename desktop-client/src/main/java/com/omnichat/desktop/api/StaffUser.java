package com.omnichat.desktop.api;

/** A user of the tenant as the admin users API returns it (PROTOCOL.md §C.5). */
public record StaffUser(String id, String email, String name, String role, boolean active, String createdAt,
                        String lastLoginAt, boolean online) {
}
