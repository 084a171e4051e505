package com.omnichat.server.lifecycle;

import com.omnichat.server.tenants.Shift;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who gets an escalation alert at a given moment (PROTOCOL.md §D.4): every number of every shift covering the
 * tenant's wall-clock time, else the backup number. Start inclusive, end exclusive, an end at or before the start
 * runs past midnight; a shift's {@code days} are the days it starts on (decision 0017).
 */
public final class ShiftSchedule {
    private static final int DAY = 24 * 60;

    /** The numbers to alert and why those: {@code shifts}, {@code backup_number}, or {@code none}. */
    public record Recipients(List<String> numbers, String source) {
    }

    private final List<Shift> shifts;
    private final ZoneId zone;

    public ShiftSchedule(List<Shift> shifts, ZoneId zone) {
        this.shifts = List.copyOf(shifts);
        this.zone = zone;
    }

    public List<Shift> covering(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        int minute = minutes(local.toLocalTime());
        DayOfWeek today = local.getDayOfWeek();
        List<Shift> result = new ArrayList<>();
        for (Shift shift : shifts) {
            if (covers(shift, today, minute) || covers(shift, today.minus(1), minute + DAY)) {
                result.add(shift);
            }
        }
        return result;
    }

    /** Whether the shift, started on {@code startDay}, covers {@code minutesSinceThatMidnight}. */
    private static boolean covers(Shift shift, DayOfWeek startDay, int minutesSinceThatMidnight) {
        int start = minutes(shift.start());
        int end = shift.endsAtMidnight() ? DAY : minutes(shift.end());
        if (end <= start) {
            end += DAY;
        }
        return shift.days().contains(startDay) && minutesSinceThatMidnight >= start && minutesSinceThatMidnight < end;
    }

    private static int minutes(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }

    /**
     * Each number once, even when it is on several covering shifts; the backup when no shift with a number covers
     * the moment (a covering shift without numbers reaches nobody, so it does not silence the backup).
     */
    public Recipients recipients(Instant at, Optional<String> backupNumber) {
        Set<String> numbers = new LinkedHashSet<>();
        covering(at).forEach(shift -> numbers.addAll(shift.numbers()));
        if (!numbers.isEmpty()) {
            return new Recipients(List.copyOf(numbers), "shifts");
        }
        return backupNumber.filter(number -> !number.isBlank())
                .map(number -> new Recipients(List.of(number), "backup_number"))
                .orElseGet(() -> new Recipients(List.of(), "none"));
    }
}
