package com.omnichat.protocol;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/v1/analytics/summary} (PROTOCOL.md §C.5, analytics.json): dates are in the tenant's
 * timezone, {@code to} is exclusive, durations are in seconds and null when there is no sample.
 */
public record AnalyticsSummary(String from, String to, String timezone, Conversations conversations,
                               Messages messages, Durations firstResponseSeconds, Durations resolutionSeconds,
                               Map<String, ChannelFigures> byChannel, List<StaffFigures> byStaff,
                               List<DayFigures> byDay, List<Long> busiestHours) {

    public LocalDate fromDate() {
        return LocalDate.parse(from);
    }

    /** The first date after the range. */
    public LocalDate toDate() {
        return LocalDate.parse(to);
    }

    public record Conversations(long started, long closed, long escalated, long autoClosed, long reopened) {
    }

    public record Messages(long user, long staff, long system) {
    }

    /** Nearest-rank median and 90th percentile in seconds; both null when {@code samples} is 0. */
    public record Durations(Double median, Double p90, int samples) {
    }

    public record ChannelFigures(long started, Double firstResponseMedian) {
    }

    public record StaffFigures(UserRef user, long conversationsHandled, long replies, Double firstResponseMedian) {
    }

    public record DayFigures(String date, long started, long closed, Double firstResponseMedian) {
        public LocalDate day() {
            return LocalDate.parse(date);
        }
    }
}
