package com.omnichat.server.tenants;

import com.omnichat.protocol.Timestamps;

/** A tenant as the platform API lists it (PROTOCOL.md §C.8). */
public record TenantView(String id, String name, boolean disabled, String createdAt, long users, long conversations) {
    public static TenantView of(TenantService.Summary summary) {
        return new TenantView(Long.toString(summary.id()), summary.name(), summary.disabled(),
                Timestamps.formatMicros(summary.createdAt()), summary.users(), summary.conversations());
    }
}
