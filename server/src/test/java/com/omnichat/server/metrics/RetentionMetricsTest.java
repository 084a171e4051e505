package com.omnichat.server.metrics;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.Scrape;
import com.omnichat.server.support.TestClock;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What retention removed shows in the metrics and in the daily log line. */
class RetentionMetricsTest {
    private final TestClock clock = TestClock.startingNow();
    private TestServer server;
    private Api api;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Logger reportLogger;

    @BeforeEach
    void start() {
        server = TestServer.start(TestServer.withLifecycleOff(Map.of("OMNICHAT_STREAM_RETENTION_DAYS", "7")), clock);
        api = server.api();
        reportLogger = (Logger) LoggerFactory.getLogger(RetentionReport.class);
        lines.start();
        reportLogger.addAppender(lines);
    }

    @AfterEach
    void stop() {
        reportLogger.detachAppender(lines);
        server.close();
    }

    @Test
    void prunedStreamEventsAndPurgedHistoryAreCountedAndReportedOncePerReport() {
        String admin = api.loginAdmin();
        String siteKey = server.server().bootstrap().orElseThrow().siteKey();
        String visitor = api.newVisitor(siteKey);
        assertThat(api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "m1", "text", "hello")).status())
                .isBetween(200, 201);
        String conversation = api.get("/api/v1/conversations", admin).body().at("/data/0/id").asText();
        assertThat(api.patch("/api/v1/conversations/" + conversation, admin, Map.of("status", "closed")).status())
                .isEqualTo(200);
        clock.advance(Duration.ofDays(8));
        admin = api.loginAdmin();

        int prunedEvents = server.server().streamRetention().prune();
        Api.Reply purged = api.post("/api/v1/history/purge", admin, Map.of("older_than_days", 1));
        assertThat(purged.status()).as(purged.text()).isEqualTo(200);

        assertThat(prunedEvents).isPositive();
        Scrape scrape = Scrape.of(api);
        assertThat(scrape.get("omnichat_retention_pruned_total", "kind", "stream_events")).isEqualTo(prunedEvents);
        assertThat(scrape.get("omnichat_retention_pruned_total", "kind", "conversations"))
                .isEqualTo(purged.body().get("conversations").asDouble());
        assertThat(scrape.get("omnichat_retention_pruned_total", "kind", "messages"))
                .isEqualTo(purged.body().get("messages").asDouble()).isPositive();

        server.server().retentionReport().report();
        server.server().retentionReport().report();
        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(0).getFormattedMessage()).contains(prunedEvents + " stream events older than 7 days",
                purged.body().get("conversations").asInt() + " conversations",
                purged.body().get("messages").asInt() + " messages");
        assertThat(lines.list.get(1).getFormattedMessage()).as("only what is new since the last report")
                .contains("0 stream events", "0 followups, 0 conversations, 0 messages");
    }
}
