package com.omnichat.server.bench;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.analytics.AnalyticsStore;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Latency of {@code GET /api/v1/analytics/summary} over a year of a busy tenant's facts (300 open periods a day, ten
 * messages each, twelve staff members), seeded straight into the analytics tables in the shape the recorder writes.
 * Not a test: it asserts nothing about speed and writes its figures to target/benchmarks/analytics-summary.txt.
 * Run: ./mvnw -pl server -am verify -Dgroups=benchmark -Dexcluded.test.groups=none -Dtest=AnalyticsSummaryBenchmark
 */
@Tag("benchmark")
class AnalyticsSummaryBenchmark {
    private static final int DAYS = 365;
    private static final int PERIODS_PER_DAY = 300;
    private static final int STAFF = 12;
    private static final int RUNS = 10;
    private static final List<String> CHANNELS = List.of("webchat", "sms", "whatsapp", "messenger");
    private static final long SLOT = Duration.ofMinutes(15).toNanos() / 1_000;

    @Test
    void summaryOverAYearOfFacts() throws Exception {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            String token = api.loginAdmin();
            long tenant = server.server().bootstrap().orElseThrow().tenantId();
            List<Long> staff = new ArrayList<>();
            for (int i = 0; i < STAFF; i++) {
                staff.add(api.post("/api/v1/users", token, Map.of("email", "agent" + i + "@bench.example",
                        "name", "Agent " + i, "role", "staff")).body().get("id").asLong());
            }
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate first = today.minusDays(DAYS);
            long seedStart = System.nanoTime();
            long[] rows = seed(server, tenant, staff, first);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

            String year = "/api/v1/analytics/summary?from=" + first + "&to=" + today;
            double[] yearMs = measure(api, token, year);
            double[] yearSmsMs = measure(api, token, year + "&channel=sms");
            double[] weekMs = measure(api, token, "/api/v1/analytics/summary");
            long started = api.get(year, token).body().at("/conversations/started").asLong();
            long from = Timestamps.toMicros(first.atStartOfDay(ZoneOffset.UTC).toInstant());
            long to = Timestamps.toMicros(today.atStartOfDay(ZoneOffset.UTC).toInstant());
            AnalyticsStore store = new AnalyticsStore();
            var db = server.server().services().db();
            String parts = String.format("year_query_ms_p50: counts %.1f, first_responses %.1f, resolutions %.1f, staff %.1f",
                    median(time(() -> db.read(c -> store.counts(c, tenant, from, to, null)))),
                    median(time(() -> db.read(c -> store.samples(c, AnalyticsStore.FIRST_RESPONSE, tenant, from, to, null)))),
                    median(time(() -> db.read(c -> store.samples(c, AnalyticsStore.RESOLUTION, tenant, from, to, null)))),
                    median(time(() -> db.read(c -> store.staffActivity(c, tenant, from, to, null)))));

            String report = String.format("""
                    tenant: %d days, %d open periods a day, %d staff; %d period facts, %d slot rows, %d staff-activity rows
                    seeding_seconds: %.1f
                    periods_started_in_year_report: %d
                    summary_year_ms_first: %.1f
                    summary_year_ms_p50: %.1f
                    summary_year_ms_max: %.1f
                    summary_year_sms_only_ms_p50: %.1f
                    summary_default_7_days_ms_p50: %.1f
                    %s
                    runs_per_figure: %d (over HTTP on localhost, admin token)
                    cores: %d
                    """, DAYS, PERIODS_PER_DAY, STAFF, rows[0], rows[1], rows[2], seedSeconds, started,
                    yearMs[0], median(yearMs), Arrays.stream(yearMs).max().orElse(0), median(yearSmsMs),
                    median(weekMs), parts, RUNS, Runtime.getRuntime().availableProcessors());
            Path out = Path.of("target", "benchmarks", "analytics-summary.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.print(report);
        }
    }

    private static double[] measure(Api api, String token, String path) {
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            Api.Reply reply = api.get(path, token);
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (reply.status() != 200) {
                throw new IllegalStateException(reply.text());
            }
        }
        return ms;
    }

    private static double[] time(Runnable work) {
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return ms;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** One writer transaction per day of facts; returns the row counts of the three tables. */
    private static long[] seed(TestServer server, long tenant, List<Long> staff, LocalDate first) {
        SplittableRandom random = new SplittableRandom(42);
        long conversationId = 1_000_000;
        for (int d = 0; d < DAYS; d++) {
            long dayStart = Timestamps.toMicros(first.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant());
            long firstConversation = conversationId;
            conversationId += PERIODS_PER_DAY;
            server.server().services().db().writer().execute(tx -> {
                Connection c = tx.connection();
                try (PreparedStatement count = c.prepareStatement("""
                        INSERT INTO analytics_counts(tenant_id, slot, channel, started, closed, auto_closed, escalated,
                                                     user_messages, staff_messages, system_messages)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id, slot, channel) DO UPDATE SET started = started + excluded.started,
                            closed = closed + excluded.closed, auto_closed = auto_closed + excluded.auto_closed,
                            escalated = escalated + excluded.escalated,
                            user_messages = user_messages + excluded.user_messages,
                            staff_messages = staff_messages + excluded.staff_messages,
                            system_messages = system_messages + excluded.system_messages""");
                     PreparedStatement fact = c.prepareStatement("""
                        INSERT INTO analytics_period_facts(conversation_id, period_started_at, kind, tenant_id, channel,
                                                           at, user_id, duration_micros)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
                     PreparedStatement activity = c.prepareStatement("""
                        INSERT INTO analytics_staff_activity(tenant_id, slot, user_id, conversation_id, channel, replies)
                        VALUES (?, ?, ?, ?, ?, 1)
                        ON CONFLICT (tenant_id, slot, user_id, conversation_id) DO UPDATE SET replies = replies + 1""")) {
                    for (int p = 0; p < PERIODS_PER_DAY; p++) {
                        long conversation = firstConversation + p;
                        String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
                        long agent = staff.get(random.nextInt(staff.size()));
                        long start = dayStart + random.nextLong(Duration.ofHours(20).toNanos() / 1_000);
                        long response = start + random.nextLong(1_000_000, 600_000_000);
                        long close = response + random.nextLong(60_000_000, 7_200_000_000L);
                        boolean escalated = random.nextInt(10) == 0;
                        boolean auto = random.nextInt(5) == 0;
                        addCount(count, tenant, start, channel, 1, 0, 0, escalated ? 1 : 0, 1, 0, 1);
                        addCount(count, tenant, response, channel, 0, 0, 0, 0, 4, 4, 0);
                        addCount(count, tenant, close, channel, 0, 1, auto ? 1 : 0, 0, 0, 0, 0);
                        addFact(fact, conversation, start, "first_response", tenant, channel, response, agent, response - start);
                        addFact(fact, conversation, start, "resolution", tenant, channel, close, null, close - start);
                        if (escalated) {
                            addFact(fact, conversation, start, "escalated", tenant, channel, start, null, null);
                        }
                        for (int r = 0; r < 4; r++) {
                            activity.setLong(1, tenant);
                            activity.setLong(2, Math.floorDiv(response + r * 120_000_000L, SLOT) * SLOT);
                            activity.setLong(3, agent);
                            activity.setLong(4, conversation);
                            activity.setString(5, channel);
                            activity.addBatch();
                        }
                    }
                    count.executeBatch();
                    fact.executeBatch();
                    activity.executeBatch();
                }
                return null;
            });
        }
        return server.server().services().db().read(c -> {
            long[] counts = new long[3];
            String[] tables = {"analytics_period_facts", "analytics_counts", "analytics_staff_activity"};
            for (int i = 0; i < tables.length; i++) {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM " + tables[i])) {
                    rs.next();
                    counts[i] = rs.getLong(1);
                }
            }
            return counts;
        });
    }

    private static void addCount(PreparedStatement ps, long tenant, long at, String channel, long started, long closed,
                                 long autoClosed, long escalated, long user, long staff, long system) throws java.sql.SQLException {
        ps.setLong(1, tenant);
        ps.setLong(2, Math.floorDiv(at, SLOT) * SLOT);
        ps.setString(3, channel);
        ps.setLong(4, started);
        ps.setLong(5, closed);
        ps.setLong(6, autoClosed);
        ps.setLong(7, escalated);
        ps.setLong(8, user);
        ps.setLong(9, staff);
        ps.setLong(10, system);
        ps.addBatch();
    }

    private static void addFact(PreparedStatement ps, long conversation, long periodStart, String kind, long tenant,
                                String channel, long at, Long user, Long duration) throws java.sql.SQLException {
        ps.setLong(1, conversation);
        ps.setLong(2, periodStart);
        ps.setString(3, kind);
        ps.setLong(4, tenant);
        ps.setString(5, channel);
        ps.setLong(6, at);
        ps.setObject(7, user);
        ps.setObject(8, duration);
        ps.addBatch();
    }
}
