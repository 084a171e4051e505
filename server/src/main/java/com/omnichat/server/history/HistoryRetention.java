package com.omnichat.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.tenants.TenantSettings;

/**
 * How many days archived followups are kept by export-and-delete: the tenant's {@code history_retention_days}
 * setting, else the deployment's default (PROTOCOL.md §A.8, part E).
 */
public final class HistoryRetention {
    private final int defaultDays;

    public HistoryRetention(int defaultDays) {
        this.defaultDays = defaultDays;
    }

    public int days(TenantSettings settings) {
        JsonNode value = settings.document().path("history_retention_days");
        return value.canConvertToInt() && value.asInt() >= 1 ? value.asInt() : defaultDays;
    }
}
