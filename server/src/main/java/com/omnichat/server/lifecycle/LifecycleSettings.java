package com.omnichat.server.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.tenants.TenantSettings;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/** The part of a tenant's settings the lifecycle jobs read, with the protocol's defaults (PROTOCOL.md §C.5, §D.4). */
record LifecycleSettings(long patienceSeconds, long escalateAfterSeconds, long autoCloseMinutes, ZoneId zone,
                         ShiftSchedule shifts, Optional<String> backupNumber, TenantSettings settings) {

    static LifecycleSettings of(TenantSettings settings) {
        JsonNode document = settings.document();
        ZoneId zone = zone(document.path("timezone").asText("UTC"));
        JsonNode backup = document.path("backup_number");
        return new LifecycleSettings(
                seconds(document.path("patience_seconds"), 30),
                seconds(document.path("escalate_after_seconds"), 300),
                seconds(document.path("auto_close_minutes"), 30),
                zone,
                ShiftSchedule.parse(document.path("shifts"), zone),
                backup.isTextual() ? Optional.of(backup.asText()) : Optional.empty(),
                settings);
    }

    private static long seconds(JsonNode value, long fallback) {
        return value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : fallback;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    String text(String key) {
        return settings.text(key);
    }
}
