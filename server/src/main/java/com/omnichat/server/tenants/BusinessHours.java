package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * A tenant's opening hours (PROTOCOL.md §C.5): per weekday, {@code [["09:00","17:00"], …]} in the tenant's timezone,
 * start inclusive, end exclusive, {@code "24:00"} for midnight. No {@code business_hours} at all means always open.
 */
public final class BusinessHours {
    private final JsonNode week;
    private final ZoneId zone;

    private BusinessHours(JsonNode week, ZoneId zone) {
        this.week = week;
        this.zone = zone;
    }

    public static BusinessHours of(TenantSettings settings) {
        JsonNode document = settings.document();
        return new BusinessHours(document.path("business_hours"), zone(document.path("timezone").asText("UTC")));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    public boolean isOpen(Instant at) {
        if (!week.isObject()) {
            return true;
        }
        ZonedDateTime local = at.atZone(zone);
        String day = local.getDayOfWeek().name().substring(0, 3).toLowerCase(Locale.ROOT);
        int minute = local.getHour() * 60 + local.getMinute();
        for (JsonNode range : week.path(day)) {
            Integer start = minutes(range.path(0).asText());
            Integer end = minutes(range.path(1).asText());
            if (start != null && end != null && minute >= start && minute < end) {
                return true;
            }
        }
        return false;
    }

    private static Integer minutes(String hhmm) {
        if (hhmm.equals("24:00")) {
            return 24 * 60;
        }
        try {
            LocalTime time = LocalTime.parse(hhmm);
            return time.getHour() * 60 + time.getMinute();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
