package com.omnichat.server.tenants;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * One on-call shift (PROTOCOL.md §D.4), in the tenant's timezone.
 *
 * @param name    the admin's label
 * @param start   first covered minute (inclusive)
 * @param end     first minute no longer covered (exclusive); {@code null} means {@code "24:00"}, the end of the day.
 *                An end at or before the start wraps past midnight.
 * @param numbers E.164 numbers that get the escalation alert while the shift covers the time
 * @param days    the days on which the shift starts; every day when the settings name none
 */
public record Shift(String name, LocalTime start, LocalTime end, List<String> numbers, Set<DayOfWeek> days) {
    public Shift {
        numbers = List.copyOf(numbers);
        days = Set.copyOf(days);
    }

    /** Whether {@code end} is {@code "24:00"}. */
    public boolean endsAtMidnight() {
        return end == null;
    }
}
