package com.omnichat.server.lifecycle;

import com.omnichat.server.tenants.Shift;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ShiftScheduleTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** 2026-11-25 is a Wednesday. */
    private static final String WEDNESDAY = "2026-11-25T";
    private static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    private static Shift shift(String start, String end, Set<DayOfWeek> days, String... numbers) {
        return new Shift("shift", LocalTime.parse(start), end.equals("24:00") ? null : LocalTime.parse(end),
                List.of(numbers), days);
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(NEW_YORK).toInstant();
    }

    private static List<String> onDuty(List<Shift> shifts, String dateTime) {
        return new ShiftSchedule(shifts, NEW_YORK).recipients(local(dateTime), Optional.of("+15550009999")).numbers();
    }

    @Test
    void startIsInclusiveAndEndExclusiveInTheTenantsTimezone() {
        List<Shift> s = List.of(shift("09:00", "12:00", EVERY_DAY, "+15550000001", "+15550000002"));
        assertThat(onDuty(s, WEDNESDAY + "08:59")).containsExactly("+15550009999");
        assertThat(onDuty(s, WEDNESDAY + "09:00")).containsExactly("+15550000001", "+15550000002");
        assertThat(onDuty(s, WEDNESDAY + "11:59:59")).containsExactly("+15550000001", "+15550000002");
        assertThat(onDuty(s, WEDNESDAY + "12:00")).containsExactly("+15550009999");
        // 09:30 UTC is 04:30 in New York: nobody's shift.
        assertThat(new ShiftSchedule(s, NEW_YORK).recipients(Instant.parse("2026-11-25T09:30:00Z"), Optional.empty())
                .source()).isEqualTo("none");
    }

    @Test
    void anEndAtOrBeforeTheStartRunsPastMidnightAndDaysNameTheStartingDay() {
        List<Shift> s = List.of(shift("22:00", "06:00", EnumSet.of(DayOfWeek.WEDNESDAY), "+15550000003"));
        assertThat(onDuty(s, WEDNESDAY + "22:00")).containsExactly("+15550000003");
        assertThat(onDuty(s, "2026-11-26T05:59")).containsExactly("+15550000003");
        assertThat(onDuty(s, "2026-11-26T06:00")).containsExactly("+15550009999");
        // Wednesday early morning belongs to Tuesday's night, which this shift does not work.
        assertThat(onDuty(s, WEDNESDAY + "03:00")).containsExactly("+15550009999");
        assertThat(onDuty(s, "2026-11-26T22:30")).containsExactly("+15550009999");
    }

    @Test
    void twentyFourHundredEndsAtMidnightAndEqualStartAndEndCoverTheWholeDay() {
        List<Shift> evening = List.of(shift("18:00", "24:00", EVERY_DAY, "+15550000004"));
        assertThat(onDuty(evening, WEDNESDAY + "23:59")).containsExactly("+15550000004");
        assertThat(onDuty(evening, "2026-11-26T00:00")).containsExactly("+15550009999");

        List<Shift> allDay = List.of(shift("00:00", "00:00", EnumSet.of(DayOfWeek.WEDNESDAY), "+15550000005"));
        assertThat(onDuty(allDay, WEDNESDAY + "00:00")).containsExactly("+15550000005");
        assertThat(onDuty(allDay, WEDNESDAY + "23:59")).containsExactly("+15550000005");
        assertThat(onDuty(allDay, "2026-11-26T00:00")).containsExactly("+15550009999");
    }

    @Test
    void everyNumberOfEveryCoveringShiftGetsOneAlert() {
        List<Shift> s = List.of(
                shift("08:00", "16:00", EVERY_DAY, "+15550000001", "+15550000002"),
                shift("12:00", "20:00", EVERY_DAY, "+15550000002", "+15550000003"),
                shift("00:00", "24:00", EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), "+15550000009"));
        ShiftSchedule.Recipients both = new ShiftSchedule(s, NEW_YORK).recipients(local(WEDNESDAY + "13:00"),
                Optional.of("+15550009999"));
        assertThat(both.numbers()).containsExactly("+15550000001", "+15550000002", "+15550000003");
        assertThat(both.source()).isEqualTo("shifts");
        assertThat(onDuty(s, "2026-11-28T13:00")).containsExactly("+15550000001", "+15550000002",
                "+15550000003", "+15550000009");
    }

    @Test
    void withoutACoveringShiftTheBackupNumberElseNobody() {
        List<Shift> noNumbers = List.of(shift("09:00", "17:00", EVERY_DAY));
        ShiftSchedule.Recipients backup = new ShiftSchedule(noNumbers, NEW_YORK)
                .recipients(local(WEDNESDAY + "10:00"), Optional.of("+15550009999"));
        assertThat(backup.source()).isEqualTo("backup_number");
        assertThat(backup.numbers()).containsExactly("+15550009999");
        ShiftSchedule.Recipients none = new ShiftSchedule(List.of(), NEW_YORK)
                .recipients(local(WEDNESDAY + "10:00"), Optional.empty());
        assertThat(none.source()).isEqualTo("none");
        assertThat(none.numbers()).isEmpty();
    }
}
