package com.omnichat.server.analytics;

import java.util.List;
import java.util.Map;

/** The body of {@code GET /api/v1/analytics/summary} (PROTOCOL.md §C.5); keys are written in snake_case. */
public record AnalyticsSummary(String from, String to, String timezone, Conversations conversations, Messages messages,
                               Durations firstResponseSeconds, Durations resolutionSeconds,
                               Map<String, ChannelFigures> byChannel, List<StaffFigures> byStaff,
                               List<DayFigures> byDay, List<Long> busiestHours) {

    public record Conversations(long started, long closed, long escalated, long autoClosed, long reopened) {
    }

    public record Messages(long user, long staff, long system) {
    }

    /** Nearest-rank median and 90th percentile in seconds; both null when there are no samples. */
    public record Durations(Double median, Double p90, int samples) {
    }

    public record ChannelFigures(long started, Double firstResponseMedian) {
    }

    public record StaffFigures(UserRef user, long conversationsHandled, long replies, Double firstResponseMedian) {
    }

    public record UserRef(String id, String name) {
    }

    public record DayFigures(String date, long started, long closed, Double firstResponseMedian) {
    }
}
