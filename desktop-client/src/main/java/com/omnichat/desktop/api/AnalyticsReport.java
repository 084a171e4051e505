package com.omnichat.desktop.api;

import com.omnichat.protocol.AnalyticsSummary;
import java.util.List;
import java.util.Map;

/**
 * What the analytics screen shows for one range: the tenant's summary, and the days of each channel that had any fact
 * in the range (the summary's {@code by_day} is not split by channel; a channel's own summary's is).
 */
public record AnalyticsReport(AnalyticsSummary summary, Map<String, List<AnalyticsSummary.DayFigures>> daysByChannel) {
}
