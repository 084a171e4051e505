package com.omnichat.server.analytics;

import com.omnichat.protocol.UserRef;
import com.omnichat.protocol.AnalyticsSummary;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.SettingsResolver;
import com.omnichat.server.tenants.TenantStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KPI summary of PROTOCOL.md §C.5, computed from the facts {@link AnalyticsRecorder} stored as they happened:
 * slot counts and per-period samples, regrouped into days and hours of the tenant's timezone. The cost depends on the
 * length of the range and the number of open periods in it, never on the number of messages.
 */
public final class AnalyticsService {
    public static final int DEFAULT_DAYS = 7;
    /** Two years and a day: a year-over-year view fits, an accidental century does not. */
    public static final int MAX_DAYS = 731;

    private final Database db;
    private final TenantStore tenants;
    private final AnalyticsStore store;
    private final SettingsResolver settings;
    private final Clock clock;

    public AnalyticsService(Database db, TenantStore tenants, SettingsResolver settings, AnalyticsStore store,
                            Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    /**
     * {@code from} and {@code to} (exclusive) are dates in the tenant's timezone; either may be null: {@code to}
     * defaults to tomorrow (so today is included) and {@code from} to seven days before {@code to}.
     */
    public AnalyticsSummary summary(long tenantId, LocalDate from, LocalDate to, String channel) {
        return db.read(c -> {
            ZoneId zone = settings.resolve(tenants.find(c, tenantId).orElseThrow()).timezone();
            LocalDate end = to != null ? to : LocalDate.ofInstant(clock.instant(), zone).plusDays(1);
            LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS);
            if (!start.isBefore(end)) {
                throw ApiException.invalid(new FieldError("query", "to", "value_error", "must be after from"));
            }
            if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
                throw ApiException.invalid(new FieldError("query", "from", "value_error",
                        "the range must not be longer than " + MAX_DAYS + " days"));
            }
            return compute(c, tenantId, start, end, zone, channel);
        });
    }

    private AnalyticsSummary compute(Connection c, long tenantId, LocalDate start, LocalDate end, ZoneId zone,
                                     String channel) throws SQLException {
        LocalDays days = new LocalDays(start, end, zone);
        long from = days.start();
        long to = days.end();
        long[] startedByDay = new long[days.count()];
        long[] closedByDay = new long[days.count()];
        long[] totals = new long[8];
        long[] hours = new long[24];
        Map<String, Long> startedByChannel = new TreeMap<>();
        for (AnalyticsStore.SlotCounts slot : store.counts(c, tenantId, from, to, channel)) {
            // A slot lies within one local day and hour: every offset in use is a whole number of quarter hours.
            int day = days.indexOf(slot.slot());
            startedByDay[day] += slot.started();
            closedByDay[day] += slot.closed();
            hours[days.hourOf(slot.slot())] += slot.userMessages();
            totals[0] += slot.started();
            totals[1] += slot.closed();
            totals[2] += slot.escalated();
            totals[3] += slot.autoClosed();
            totals[4] += slot.reopened();
            totals[5] += slot.userMessages();
            totals[6] += slot.staffMessages();
            totals[7] += slot.systemMessages();
            startedByChannel.merge(slot.channel(), slot.started(), Long::sum);
        }

        DurationList firstResponses = new DurationList();
        Map<String, DurationList> responsesByChannel = new HashMap<>();
        Map<Long, DurationList> responsesByStaff = new HashMap<>();
        DurationList[] responsesByDay = new DurationList[days.count()];
        for (AnalyticsStore.Sample sample : store.samples(c, AnalyticsStore.FIRST_RESPONSE, tenantId, from, to, channel)) {
            long micros = sample.durationMicros();
            firstResponses.add(micros);
            responsesByChannel.computeIfAbsent(sample.channel(), k -> new DurationList()).add(micros);
            startedByChannel.putIfAbsent(sample.channel(), 0L);
            if (sample.userId() != null) {
                responsesByStaff.computeIfAbsent(sample.userId(), k -> new DurationList()).add(micros);
            }
            int day = days.indexOf(sample.at());
            if (responsesByDay[day] == null) {
                responsesByDay[day] = new DurationList();
            }
            responsesByDay[day].add(micros);
        }
        DurationList resolutions = new DurationList();
        store.samples(c, AnalyticsStore.RESOLUTION, tenantId, from, to, channel)
                .forEach(sample -> resolutions.add(sample.durationMicros()));

        Map<String, AnalyticsSummary.ChannelFigures> byChannel = new LinkedHashMap<>();
        startedByChannel.forEach((name, started) -> byChannel.put(name,
                new AnalyticsSummary.ChannelFigures(started, median(responsesByChannel.get(name)))));
        List<AnalyticsSummary.StaffFigures> byStaff = new ArrayList<>();
        for (AnalyticsStore.StaffActivity staff : store.staffActivity(c, tenantId, from, to, channel)) {
            byStaff.add(new AnalyticsSummary.StaffFigures(
                    new UserRef(Long.toString(staff.userId()), staff.name()),
                    staff.conversations(), staff.replies(), median(responsesByStaff.get(staff.userId()))));
        }
        List<AnalyticsSummary.DayFigures> byDay = new ArrayList<>();
        for (int day = 0; day < days.count(); day++) {
            byDay.add(new AnalyticsSummary.DayFigures(days.date(day).toString(), startedByDay[day], closedByDay[day],
                    median(responsesByDay[day])));
        }

        return new AnalyticsSummary(start.toString(), end.toString(), zone.getId(),
                new AnalyticsSummary.Conversations(totals[0], totals[1], totals[2], totals[3], totals[4]),
                new AnalyticsSummary.Messages(totals[5], totals[6], totals[7]),
                firstResponses.durations(), resolutions.durations(),
                byChannel, byStaff, byDay, Arrays.stream(hours).boxed().toList());
    }

    private static Double median(DurationList micros) {
        return micros == null ? null : micros.median();
    }
}
