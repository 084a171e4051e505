package com.omnichat.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.Scrape;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics after real traffic: every meter the operator's dashboard reads moves the way the traffic says. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest {
    private static final String PUBLIC_BASE_URL = "https://chat.example.com";
    private static final String TWILIO_NUMBER = "+15550001000";
    private static final String FB_PAGE = "1234567890";

    private TestServer server;
    private Api api;
    private String admin;
    private String siteKey;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.withLifecycleOff(Map.of(
                "PUBLIC_BASE_URL", PUBLIC_BASE_URL,
                "TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef",
                "TWILIO_AUTH_TOKEN", "the-real-twilio-token",
                "TWILIO_NUMBER", TWILIO_NUMBER,
                "FB_PAGE_ID", FB_PAGE,
                "FB_APP_SECRET", "the-real-app-secret",
                "FB_PAGE_ACCESS_TOKEN", "page-token")));
        api = server.api();
        admin = api.loginAdmin();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode newVisitor() {
        Api.Reply session = api.post("/api/v1/widget/sessions", null, Map.of("site_key", siteKey));
        assertThat(session.status()).isEqualTo(201);
        return session.body();
    }

    private static String visitorAuth(JsonNode visitor) {
        return "Visitor " + visitor.get("visitor_id").asText() + ":" + visitor.get("visitor_secret").asText();
    }

    private TestSocket visitorStream(JsonNode visitor) {
        TestSocket socket = TestSocket.open(server.wsUrl("/api/v1/widget/stream"));
        socket.send(Map.of("type", "hello", "data", Map.of("visitor_id", visitor.get("visitor_id").asText(),
                "visitor_secret", visitor.get("visitor_secret").asText())));
        return socket;
    }

    /** Scrapes until the condition holds (sockets register on their own threads), failing after ten seconds. */
    private Scrape scrapeUntil(Predicate<Scrape> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Scrape scrape = Scrape.of(api);
        while (!condition.test(scrape) && Instant.now().isBefore(deadline)) {
            sleep(50);
            scrape = Scrape.of(api);
        }
        return scrape;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aConversationCountsItsMessagesAndTheTimeToCommit() {
        Scrape before = Scrape.of(api);
        JsonNode visitor = newVisitor();
        assertThat(api.post("/api/v1/widget/messages", visitorAuth(visitor),
                Map.of("client_id", "m1", "text", "Hello, is anyone there?")).status()).isBetween(200, 201);
        String conversation = api.get("/api/v1/conversations", admin).body().at("/data/0/id").asText();
        assertThat(api.post("/api/v1/conversations/" + conversation + "/messages", admin,
                Map.of("client_id", "r1", "text", "Yes, how can I help?")).status()).isBetween(200, 201);

        Scrape after = scrapeUntil(s -> s.get("omnichat_messages_total", "channel", "webchat", "sender", "staff")
                > before.get("omnichat_messages_total", "channel", "webchat", "sender", "staff"));
        assertThat(after.get("omnichat_messages_total", "channel", "webchat", "sender", "user")
                - before.get("omnichat_messages_total", "channel", "webchat", "sender", "user")).isEqualTo(1);
        assertThat(after.get("omnichat_messages_total", "channel", "webchat", "sender", "staff")
                - before.get("omnichat_messages_total", "channel", "webchat", "sender", "staff")).isEqualTo(1);
        assertThat(after.get("omnichat_messages_total", "channel", "sms", "sender", "user")).isZero();
        double commits = after.get("omnichat_message_commit_seconds_count")
                - before.get("omnichat_message_commit_seconds_count");
        assertThat(commits).isEqualTo(2);
        assertThat(after.get("omnichat_message_commit_seconds_sum")).isPositive();
        assertThat(after.get("omnichat_message_commit_seconds_bucket", "le", "+Inf"))
                .isEqualTo(after.get("omnichat_message_commit_seconds_count"));
        assertThat(after.get("omnichat_writer_batch_size_count")).isGreaterThan(before.get("omnichat_writer_batch_size_count"));
        assertThat(after.get("omnichat_writer_batch_size_sum")).isGreaterThanOrEqualTo(after.get("omnichat_writer_batch_size_count"));
        assertThat(after.get("omnichat_http_requests_seconds_count", "method", "POST",
                "route", "/api/v1/conversations/{id}/messages", "status", "201")).isEqualTo(1);
    }

    @Test
    void webhooksWithABadSignatureAreCountedBySource() {
        SignedWebhooks webhooks = new SignedWebhooks(api, PUBLIC_BASE_URL);
        Scrape before = Scrape.of(api);
        Map<String, String> sms = new HashMap<>(Map.of("From", "+15557654321", "To", TWILIO_NUMBER, "Body", "hi",
                "MessageSid", "SM00000000000000000000000000000001", "AccountSid", "AC0123456789abcdef0123456789abcdef"));
        assertThat(webhooks.twilio("/sms", "a-forged-token", sms).status()).isEqualTo(403);
        assertThat(webhooks.messenger("a-forged-secret", "{\"object\":\"page\",\"entry\":[{\"id\":\"" + FB_PAGE
                + "\",\"messaging\":[]}]}").status()).isEqualTo(403);
        Scrape after = Scrape.of(api);
        assertThat(after.get("omnichat_webhook_rejected_total", "source", "twilio")
                - before.get("omnichat_webhook_rejected_total", "source", "twilio")).isEqualTo(1);
        assertThat(after.get("omnichat_webhook_rejected_total", "source", "messenger")
                - before.get("omnichat_webhook_rejected_total", "source", "messenger")).isEqualTo(1);
        assertThat(after.get("omnichat_messages_total", "channel", "sms", "sender", "user")).isZero();
    }

    @Test
    void failedSignInsAndRateLimitedRequestsAreCounted() {
        Scrape before = Scrape.of(api);
        assertThat(api.form("/api/v1/auth/login", Map.of("username", TestServer.ADMIN_EMAIL, "password", "not-it"))
                .status()).isEqualTo(401);
        String visitor = visitorAuth(newVisitor());
        int status = 0;
        for (int i = 0; i < 40 && status != 429; i++) {
            status = api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "fast-" + i, "text", "again"))
                    .status();
        }
        assertThat(status).isEqualTo(429);
        Scrape after = Scrape.of(api);
        assertThat(after.get("omnichat_login_failures_total") - before.get("omnichat_login_failures_total"))
                .isEqualTo(1);
        assertThat(after.get("omnichat_rate_limited_total", "limit", "visitor_messages_per_id")
                - before.get("omnichat_rate_limited_total", "limit", "visitor_messages_per_id")).isEqualTo(1);
        assertThat(after.get("omnichat_rate_limited_total", "limit", "login")).isZero();
    }

    @Test
    void everyKindOfSocketIsCountedWhileOpenAndACapRefusalIsADrop() {
        JsonNode visitor = newVisitor();
        List<TestSocket> sockets = new ArrayList<>();
        try {
            TestSocket staff = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + admin));
            sockets.add(staff);
            staff.send(Map.of("type", "hello", "data", Map.of()));
            staff.nextOfType("ready");
            for (int i = 0; i < 5; i++) {
                TestSocket stream = visitorStream(visitor);
                sockets.add(stream);
                stream.nextOfType("ready");
            }
            TestSocket adminWs = TestSocket.open(server.wsUrl("/admin-ws?token=" + admin));
            sockets.add(adminWs);
            TestSocket legacyVisitor = TestSocket.open(server.wsUrl("/ws/visitor-metrics-1"));
            sockets.add(legacyVisitor);

            Scrape open = scrapeUntil(s -> s.get("omnichat_stream_connections", "kind", "admin_ws") == 1
                    && s.get("omnichat_stream_connections", "kind", "visitor_ws") == 1);
            assertThat(open.get("omnichat_stream_connections", "kind", "staff_stream")).isEqualTo(1);
            assertThat(open.get("omnichat_stream_connections", "kind", "visitor_stream")).isEqualTo(5);
            assertThat(open.get("omnichat_stream_connections", "kind", "admin_ws")).isEqualTo(1);
            assertThat(open.get("omnichat_stream_connections", "kind", "visitor_ws")).isEqualTo(1);

            double capBefore = open.get("omnichat_stream_dropped_total", "reason", "cap");
            TestSocket sixth = visitorStream(visitor);
            sockets.add(sixth);
            assertThat(sixth.awaitClose()).isEqualTo(4429);
            Scrape capped = Scrape.of(api);
            assertThat(capped.get("omnichat_stream_dropped_total", "reason", "cap") - capBefore).isEqualTo(1);
            assertThat(capped.get("omnichat_stream_connections", "kind", "visitor_stream")).isEqualTo(5);
        } finally {
            sockets.forEach(TestSocket::close);
        }
        Scrape closed = scrapeUntil(s -> s.get("omnichat_stream_connections", "kind", "visitor_stream") == 0
                && s.get("omnichat_stream_connections", "kind", "staff_stream") == 0
                && s.get("omnichat_stream_connections", "kind", "admin_ws") == 0
                && s.get("omnichat_stream_connections", "kind", "visitor_ws") == 0);
        assertThat(closed.get("omnichat_stream_connections", "kind", "visitor_stream")).isZero();
        assertThat(closed.get("omnichat_stream_connections", "kind", "visitor_ws")).isZero();
    }

    @Test
    void theRuntimeBuildAndRetentionMetersAreThereAndNoTenantIsALabel() {
        Scrape scrape = Scrape.of(api);
        assertThat(scrape.get("omnichat_build_info", "version", "1.0.0")).isEqualTo(1);
        // Presence only: the first heap series may be an eden space that a collection has just emptied.
        assertThat(scrape.value("jvm_memory_used_bytes", "area", "heap")).isPresent();
        assertThat(scrape.get("jvm_threads_live_threads")).isPositive();
        assertThat(scrape.get("process_uptime_seconds")).isPositive();
        assertThat(scrape.value("process_cpu_usage")).isPresent();
        assertThat(scrape.get("jetty_threads_config_max")).isPositive();
        assertThat(scrape.value("jetty_connections_current_connections")).isPresent();
        for (String channel : List.of("sms", "whatsapp", "messenger")) {
            assertThat(scrape.get("omnichat_delivery_outbox_pending", "channel", channel)).isZero();
            assertThat(scrape.value("omnichat_delivery_failures_total", "channel", channel)).isPresent();
        }
        for (String kind : List.of("stream_events", "followups", "conversations", "messages")) {
            assertThat(scrape.value("omnichat_retention_pruned_total", "kind", kind)).isPresent();
        }
        assertThat(scrape.value("omnichat_stream_dropped_total", "reason", "slow_consumer")).isPresent();
        assertThat(scrape.samples()).noneMatch(line -> line.contains("tenant"));
    }
}
