package com.omnichat.desktop.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** "now", "5 min", "3 h", "yesterday", "Mon 14:05", "12 Nov": short times for lists, from a clock tests control. */
public final class RelativeTime {
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEE HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm");

    private final Clock clock;

    public RelativeTime(Clock clock) {
        this.clock = clock;
    }

    public String since(String wireTimestamp) {
        if (wireTimestamp == null) {
            return "";
        }
        Instant then = Instant.parse(wireTimestamp);
        Instant now = clock.instant();
        Duration age = Duration.between(then, now);
        ZoneId zone = clock.getZone();
        if (age.toSeconds() < 60) {
            return "now";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + " min";
        }
        LocalDate day = then.atZone(zone).toLocalDate();
        LocalDate today = now.atZone(zone).toLocalDate();
        if (age.toHours() < 12 || day.equals(today)) {
            return age.toHours() + " h";
        }
        if (day.equals(today.minusDays(1))) {
            return "yesterday";
        }
        if (day.isAfter(today.minusDays(7))) {
            return WEEKDAY.format(then.atZone(zone));
        }
        return DAY.format(then.atZone(zone));
    }

    /** A message's time of day, with the date when it is not today. */
    public String clockTime(String wireTimestamp) {
        if (wireTimestamp == null) {
            return "";
        }
        Instant then = Instant.parse(wireTimestamp);
        LocalDate day = then.atZone(clock.getZone()).toLocalDate();
        String time = CLOCK_TIME.format(then.atZone(clock.getZone()));
        return day.equals(LocalDate.now(clock)) ? time : DAY.format(then.atZone(clock.getZone())) + " " + time;
    }

    /** Date with year and time of day, for records that may be months old (history, followups). */
    public String dateTime(String wireTimestamp) {
        return wireTimestamp == null ? "" : DATE_TIME.format(Instant.parse(wireTimestamp).atZone(clock.getZone()));
    }
}
