package com.omnichat.server.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ShiftScheduleTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** 2026-11-25 is a Wednesday. */
    private static final String WEDNESDAY = "2026-11-25T";

    private static ShiftSchedule schedule(String shiftsJson) throws Exception {
        JsonNode shifts = Api.JSON.readTree(shiftsJson);
        return ShiftSchedule.parse(shifts, NEW_YORK);
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(NEW_YORK).toInstant();
    }

    private static List<String> onDuty(ShiftSchedule schedule, String dateTime) {
        return schedule.recipients(local(dateTime), Optional.of("+15550009999")).numbers();
    }

    @Test
    void startIsInclusiveAndEndExclusiveInTheTenantsTimezone() throws Exception {
        ShiftSchedule s = schedule("""
                [{"name":"morning","start":"09:00","end":"12:00","numbers":["+15550000001","+15550000002"]}]""");
        assertThat(onDuty(s, WEDNESDAY + "08:59")).containsExactly("+15550009999");
        assertThat(onDuty(s, WEDNESDAY + "09:00")).containsExactly("+15550000001", "+15550000002");
        assertThat(onDuty(s, WEDNESDAY + "11:59:59")).containsExactly("+15550000001", "+15550000002");
        assertThat(onDuty(s, WEDNESDAY + "12:00")).containsExactly("+15550009999");
        // 09:30 UTC is 04:30 in New York: nobody's shift.
        assertThat(s.recipients(Instant.parse("2026-11-25T09:30:00Z"), Optional.empty()).source()).isEqualTo("none");
    }

    @Test
    void anEndAtOrBeforeTheStartRunsPastMidnightAndDaysNameTheStartingDay() throws Exception {
        ShiftSchedule s = schedule("""
                [{"name":"night","start":"22:00","end":"06:00","numbers":["+15550000003"],"days":["wed"]}]""");
        assertThat(onDuty(s, WEDNESDAY + "22:00")).containsExactly("+15550000003");
        assertThat(onDuty(s, "2026-11-26T05:59")).containsExactly("+15550000003");
        assertThat(onDuty(s, "2026-11-26T06:00")).containsExactly("+15550009999");
        // Wednesday early morning belongs to Tuesday's night, which this shift does not work.
        assertThat(onDuty(s, WEDNESDAY + "03:00")).containsExactly("+15550009999");
        assertThat(onDuty(s, "2026-11-26T22:30")).containsExactly("+15550009999");
    }

    @Test
    void twentyFourHundredEndsAtMidnightAndEqualStartAndEndCoverTheWholeDay() throws Exception {
        ShiftSchedule evening = schedule("""
                [{"name":"evening","start":"18:00","end":"24:00","numbers":["+15550000004"]}]""");
        assertThat(onDuty(evening, WEDNESDAY + "23:59")).containsExactly("+15550000004");
        assertThat(onDuty(evening, "2026-11-26T00:00")).containsExactly("+15550009999");

        ShiftSchedule allDay = schedule("""
                [{"name":"on call","start":"00:00","end":"00:00","numbers":["+15550000005"],"days":["wed"]}]""");
        assertThat(onDuty(allDay, WEDNESDAY + "00:00")).containsExactly("+15550000005");
        assertThat(onDuty(allDay, WEDNESDAY + "23:59")).containsExactly("+15550000005");
        assertThat(onDuty(allDay, "2026-11-26T00:00")).containsExactly("+15550009999");
    }

    @Test
    void everyNumberOfEveryCoveringShiftGetsOneAlert() throws Exception {
        ShiftSchedule s = schedule("""
                [{"name":"a","start":"08:00","end":"16:00","numbers":["+15550000001","+15550000002"]},
                 {"name":"b","start":"12:00","end":"20:00","numbers":["+15550000002","+15550000003"]},
                 {"name":"weekend","start":"00:00","end":"24:00","numbers":["+15550000009"],"days":["sat","sun"]}]""");
        ShiftSchedule.Recipients both = s.recipients(local(WEDNESDAY + "13:00"), Optional.of("+15550009999"));
        assertThat(both.numbers()).containsExactly("+15550000001", "+15550000002", "+15550000003");
        assertThat(both.source()).isEqualTo("shifts");
        assertThat(onDuty(s, "2026-11-28T13:00")).containsExactly("+15550000001", "+15550000002",
                "+15550000003", "+15550000009");
    }

    @Test
    void withoutACoveringShiftTheBackupNumberElseNobody() throws Exception {
        ShiftSchedule s = schedule("""
                [{"name":"nobody","start":"09:00","end":"17:00","numbers":[]}]""");
        ShiftSchedule.Recipients backup = s.recipients(local(WEDNESDAY + "10:00"), Optional.of("+15550009999"));
        assertThat(backup.source()).isEqualTo("backup_number");
        assertThat(backup.numbers()).containsExactly("+15550009999");
        ShiftSchedule.Recipients none = schedule("[]").recipients(local(WEDNESDAY + "10:00"), Optional.empty());
        assertThat(none.source()).isEqualTo("none");
        assertThat(none.numbers()).isEmpty();
    }

    @Test
    void malformedShiftsAreSkippedRatherThanAlertingTheWrongPeople() throws Exception {
        ShiftSchedule s = schedule("""
                [{"name":"bad time","start":"9:00","end":"17:00","numbers":["+15550000001"]},
                 {"name":"bad day","start":"09:00","end":"17:00","numbers":["+15550000002"],"days":["someday"]},
                 {"name":"late","start":"24:30","end":"17:00","numbers":["+15550000003"]}]""");
        assertThat(onDuty(s, WEDNESDAY + "10:00")).containsExactly("+15550009999");
    }
}
