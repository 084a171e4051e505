package com.omnichat.desktop.api;

import com.omnichat.protocol.AnalyticsSummary;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** KPIs of the tenant for admins: {@code GET /api/v1/analytics/summary}; see {@link HttpJson} for how calls behave. */
public final class AnalyticsApi {
    private final HttpJson api;

    public AnalyticsApi(HttpJson api) {
        this.api = api;
    }

    /**
     * The summary from {@code from} up to {@code to} (exclusive), dates in the tenant's timezone; both null means the
     * server's default (the last 7 days including today). A null {@code channel} counts every channel.
     */
    public AnalyticsSummary summary(LocalDate from, LocalDate to, String channel) {
        Map<String, String> query = new LinkedHashMap<>();
        if (from != null) {
            query.put("from", from.toString());
        }
        if (to != null) {
            query.put("to", to.toString());
        }
        if (channel != null) {
            query.put("channel", channel);
        }
        return api.convert(api.get("/api/v1/analytics/summary", query), AnalyticsSummary.class);
    }

    /**
     * The summary and, for each channel with facts in the range, its days. The channel calls ask for the range the
     * first answer settled on, so a default range cannot move between the calls at midnight.
     */
    public AnalyticsReport report(LocalDate from, LocalDate to) {
        AnalyticsSummary summary = summary(from, to, null);
        Map<String, List<AnalyticsSummary.DayFigures>> days = new LinkedHashMap<>();
        for (String channel : summary.byChannel().keySet()) {
            days.put(channel, summary(summary.fromDate(), summary.toDate(), channel).byDay());
        }
        return new AnalyticsReport(summary, days);
    }
}
