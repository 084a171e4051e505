package com.omnichat.server.tenants;

public record Tenant(long id, String name, boolean disabled, TenantSettings settings, long createdAt) {
}
