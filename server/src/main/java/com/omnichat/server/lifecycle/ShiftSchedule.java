package com.omnichat.server.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who gets an escalation alert at a given moment (PROTOCOL.md §D.4): every number of every shift covering the
 * tenant's wall-clock time, else the backup number. Start inclusive, end exclusive, an end at or before the start
 * runs past midnight; {@code days} names the days a shift starts on (decision 0017).
 */
public final class ShiftSchedule {
    private static final int DAY = 24 * 60;
    private static final Pattern HH_MM = Pattern.compile("\\d{2}:\\d{2}");

    public record Shift(String name, int startMinute, int endMinute, List<String> numbers, Set<DayOfWeek> days) {
        public Shift {
            numbers = List.copyOf(numbers);
            days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        }

        /** Whether the shift that starts on {@code startDay} covers {@code minutesSinceThatMidnight}. */
        private boolean covers(DayOfWeek startDay, int minutesSinceThatMidnight) {
            int end = endMinute > startMinute ? endMinute : endMinute + DAY;
            return days.contains(startDay) && minutesSinceThatMidnight >= startMinute && minutesSinceThatMidnight < end;
        }
    }

    /** The numbers to alert and why those: {@code shifts}, {@code backup_number}, or {@code none}. */
    public record Recipients(List<String> numbers, String source) {
    }

    private final List<Shift> shifts;
    private final ZoneId zone;

    public ShiftSchedule(List<Shift> shifts, ZoneId zone) {
        this.shifts = List.copyOf(shifts);
        this.zone = zone;
    }

    /**
     * Reads the settings' {@code shifts} array. The settings API validates what it stores; anything malformed that
     * still reaches here (an old or hand-edited document) is skipped rather than alerting the wrong people.
     */
    public static ShiftSchedule parse(JsonNode shifts, ZoneId zone) {
        List<Shift> result = new ArrayList<>();
        for (JsonNode shift : shifts) {
            Optional<Integer> start = minuteOfDay(shift.path("start").asText(""));
            Optional<Integer> end = minuteOfDay(shift.path("end").asText(""));
            Optional<Set<DayOfWeek>> days = days(shift.path("days"));
            if (start.isEmpty() || end.isEmpty() || days.isEmpty()) {
                continue;
            }
            List<String> numbers = new ArrayList<>();
            shift.path("numbers").forEach(number -> {
                if (number.isTextual() && !number.asText().isBlank()) {
                    numbers.add(number.asText());
                }
            });
            result.add(new Shift(shift.path("name").asText(""), start.get(), end.get(), numbers, days.get()));
        }
        return new ShiftSchedule(result, zone);
    }

    /** {@code "HH:MM"} from 00:00 to 24:00 as minutes since midnight. */
    static Optional<Integer> minuteOfDay(String hhmm) {
        if (hhmm.equals("24:00")) {
            return Optional.of(DAY);
        }
        if (!HH_MM.matcher(hhmm).matches()) {
            return Optional.empty();
        }
        try {
            LocalTime time = LocalTime.parse(hhmm);
            return Optional.of(time.getHour() * 60 + time.getMinute());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Set<DayOfWeek>> days(JsonNode days) {
        Set<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        if (days.isMissingNode() || days.isNull()) {
            return Optional.of(result);
        }
        for (JsonNode day : days) {
            Optional<DayOfWeek> parsed = dayOf(day.asText(""));
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            result.add(parsed.get());
        }
        return Optional.of(result);
    }

    private static Optional<DayOfWeek> dayOf(String abbreviation) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().substring(0, 3).equals(abbreviation.toUpperCase(Locale.ROOT))) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    public List<Shift> covering(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        DayOfWeek today = local.getDayOfWeek();
        List<Shift> result = new ArrayList<>();
        for (Shift shift : shifts) {
            if (shift.covers(today, minute) || shift.covers(today.minus(1), minute + DAY)) {
                result.add(shift);
            }
        }
        return result;
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
