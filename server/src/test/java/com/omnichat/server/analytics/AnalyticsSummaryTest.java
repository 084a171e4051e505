package com.omnichat.server.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnichat.protocol.Timestamps;
import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestClock;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.tenants.TenantSettings;
import com.omnichat.server.tenants.TenantStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted day of a support team in India, driven through the real APIs with a controlled clock,
 * gives exactly the figures of PROTOCOL.md §C.5. Times below are local (Asia/Kolkata); D is the first day.
 *
 * <pre>
 * A  webchat (widget)  D 09:00 visitor  · 09:00:30 Jane (first response 30 s) · 09:01 visitor · 09:01:30 admin
 *                      · 09:10 admin closes (resolution 600 s)
 *                      D 23:50 visitor reopens · D+1 00:10 Jane (1200 s, counted on D+1) · 00:20 bulk close (1800 s)
 * B  webchat (legacy)  D 09:20 visitor · 09:23 admin (180 s) · 09:30 /handoff/close (600 s)
 *                      D+1 01:00 admin reopens · 01:05 admin · 01:10 visitor · 01:12 Jane (120 s: the first staff
 *                      message after the period's first contact message) · 02:00 /handoff/close (3600 s)
 * C  sms               D 10:00 contact (the SMS auto-reply is a system message) · 10:05 Jane (300 s) · D+1 05:00 auto-closed (68400 s)
 * E  webchat (widget)  D+1 03:00 visitor outside business hours: starts escalated, offline text
 * F  webchat (legacy)  D+1 04:00 followup: created, thank-you, closed (0 s)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsSummaryTest {
    /** Half an hour off UTC and no daylight saving time: the same script works on every date. */
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private TestClock clock;
    private TestServer server;
    private Api api;
    private String admin;
    private String jane;
    private String adminId;
    private String janeId;
    private LocalDate day;

    @BeforeAll
    void playTheScript() {
        // Tokens are checked against the real time too: the script starts in the past and stays there.
        day = LocalDate.now(KOLKATA).minusDays(2);
        clock = new TestClock(at(0, "09:00"));
        server = TestServer.start(Map.of(), clock);
        api = server.api();
        long tenantId = server.server().bootstrap().orElseThrow().tenantId();
        // The lifecycle jobs stay off: their timers run on real time and would add texts at moments the script
        // does not control.
        saveSettings(tenantId, settings -> settings.put("timezone", KOLKATA.getId()).put("patience_seconds", 0)
                .put("escalate_after_seconds", 0).put("auto_close_minutes", 0));
        admin = api.loginAdmin();
        adminId = api.get("/api/v1/auth/me", admin).body().get("id").asText();
        Api.Reply created = api.post("/api/v1/users", admin, Map.of("email", "jane@dwc.com", "name", "Jane Doe",
                "role", "staff", "password", "jane-long-password"));
        assertThat(created.status()).isEqualTo(201);
        janeId = created.body().get("id").asText();
        jane = api.login("jane@dwc.com", "jane-long-password");
        String siteKey = server.server().bootstrap().orElseThrow().siteKey();

        String visitorA = api.newVisitor(siteKey);
        visitorSays(visitorA, "a1", "hello");
        String a = api.get("/api/v1/widget/messages", visitorA).body().at("/conversation/id").asText();
        moveTo(0, "09:00:30");
        staffSays(jane, a, "j1", "hi, how can I help?");
        moveTo(0, "09:01");
        visitorSays(visitorA, "a2", "thanks");
        moveTo(0, "09:01:30");
        staffSays(admin, a, "ad1", "anything else?");
        moveTo(0, "09:10");
        assertThat(api.patch("/api/v1/conversations/" + a, admin, Map.of("status", "closed")).status()).isEqualTo(200);

        moveTo(0, "09:20");
        assertThat(api.post("/webchat", null, Map.of("user_id", "visitor-b", "text", "hi")).status()).isEqualTo(200);
        moveTo(0, "09:23");
        legacySend("visitor-b", "hello B");
        moveTo(0, "09:30");
        assertThat(api.post("/handoff/close", admin, Map.of("user_id", "visitor-b")).status()).isEqualTo(200);

        moveTo(0, "10:00");
        // The SMS webhook arrives with the channels feature; this is the service call it makes.
        server.server().conversations().receiveFromContact(tenantId, "sms", "+15551234567", "open today?", "SM1");
        String c = api.get("/api/v1/conversations?channel=sms", admin).body().at("/data/0/id").asText();
        moveTo(0, "10:05");
        staffSays(jane, c, "j2", "until 6 pm");

        moveTo(0, "23:50");
        visitorSays(visitorA, "a3", "me again");
        moveTo(1, "00:10");
        staffSays(jane, a, "j3", "welcome back");
        moveTo(1, "00:20");
        assertThat(api.post("/api/v1/conversations/close", admin, Map.of("ids", List.of(a))).body().get("closed"))
                .hasSize(1);

        String b = api.get("/api/v1/conversations?channel=webchat&status=closed", admin).body().get("data")
                .findValues("id").stream().map(JsonNode::asText).filter(id -> !id.equals(a)).findFirst().orElseThrow();
        moveTo(1, "01:00");
        assertThat(api.patch("/api/v1/conversations/" + b, admin, Map.of("status", "open")).status()).isEqualTo(200);
        moveTo(1, "01:05");
        staffSays(admin, b, "ad2", "following up");
        moveTo(1, "01:10");
        assertThat(api.post("/webchat", null, Map.of("user_id", "visitor-b", "text", "yes?")).status()).isEqualTo(200);
        moveTo(1, "01:12");
        staffSays(jane, b, "j4", "here is the answer");
        moveTo(1, "02:00");
        assertThat(api.post("/handoff/close", admin, Map.of("user_id", "visitor-b")).status()).isEqualTo(200);

        moveTo(1, "03:00");
        saveSettings(tenantId, settings -> settings.putObject("business_hours"));
        visitorSays(api.newVisitor(siteKey), "e1", "anyone there?");
        moveTo(1, "04:00");
        assertThat(api.post("/followup", null, Map.of("user_id", "visitor-f", "email", "f@example.com")).status())
                .isEqualTo(200);
        moveTo(1, "05:00");
        autoClose(tenantId, c);
    }

    @AfterAll
    void tearDown() {
        server.close();
    }

    @Test
    void theWholeScriptGivesExactlyTheExpectedFigures() {
        JsonNode s = summary("?from=" + day + "&to=" + day.plusDays(3));
        assertThat(s.get("from").asText()).isEqualTo(day.toString());
        assertThat(s.get("to").asText()).isEqualTo(day.plusDays(3).toString());
        assertThat(s.get("timezone").asText()).isEqualTo("Asia/Kolkata");
        assertThat(s.get("conversations")).isEqualTo(json(
                "{\"started\":7,\"closed\":6,\"escalated\":1,\"auto_closed\":1,\"reopened\":2}"));
        assertThat(s.get("messages")).isEqualTo(json("{\"user\":7,\"staff\":7,\"system\":6}"));
        assertThat(s.get("first_response_seconds")).isEqualTo(json("{\"median\":180.0,\"p90\":1200.0,\"samples\":5}"));
        assertThat(s.get("resolution_seconds")).isEqualTo(json("{\"median\":600.0,\"p90\":68400.0,\"samples\":6}"));
        assertThat(s.get("by_channel")).isEqualTo(json("{\"sms\":{\"started\":1,\"first_response_median\":300.0},"
                + "\"webchat\":{\"started\":6,\"first_response_median\":120.0}}"));
        assertThat(s.get("by_staff")).isEqualTo(json("[{\"user\":{\"id\":\"" + janeId + "\",\"name\":\"Jane Doe\"},"
                + "\"conversations_handled\":3,\"replies\":4,\"first_response_median\":120.0},"
                + "{\"user\":{\"id\":\"" + adminId + "\",\"name\":\"Default Admin\"},"
                + "\"conversations_handled\":2,\"replies\":3,\"first_response_median\":180.0}]"));
        assertThat(s.get("by_day")).isEqualTo(json("["
                + "{\"date\":\"" + day + "\",\"started\":4,\"closed\":2,\"first_response_median\":180.0},"
                + "{\"date\":\"" + day.plusDays(1) + "\",\"started\":3,\"closed\":4,\"first_response_median\":120.0},"
                + "{\"date\":\"" + day.plusDays(2) + "\",\"started\":0,\"closed\":0,\"first_response_median\":null}]"));
        assertThat(s.get("busiest_hours")).isEqualTo(json("[0,1,0,1,0,0,0,0,0,3,1,0,0,0,0,0,0,0,0,0,0,0,0,1]"));
    }

    @Test
    void aDayCountsTheFactsThatHappenedOnItInTheTenantTimezone() {
        JsonNode second = summary("?from=" + day.plusDays(1) + "&to=" + day.plusDays(2));
        // A's reopen at 23:50 belongs to the first day; Jane's answer at 00:10 to the second.
        assertThat(second.get("conversations")).isEqualTo(json(
                "{\"started\":3,\"closed\":4,\"escalated\":1,\"auto_closed\":1,\"reopened\":1}"));
        assertThat(second.get("first_response_seconds")).isEqualTo(json("{\"median\":120.0,\"p90\":1200.0,\"samples\":2}"));
        assertThat(second.get("messages")).isEqualTo(json("{\"user\":2,\"staff\":3,\"system\":2}"));
        assertThat(second.get("busiest_hours")).isEqualTo(json("[0,1,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]"));
    }

    @Test
    void theChannelFilterKeepsOnlyThatChannel() {
        JsonNode sms = summary("?from=" + day + "&to=" + day.plusDays(2) + "&channel=sms");
        assertThat(sms.get("conversations")).isEqualTo(json(
                "{\"started\":1,\"closed\":1,\"escalated\":0,\"auto_closed\":1,\"reopened\":0}"));
        assertThat(sms.get("messages")).isEqualTo(json("{\"user\":1,\"staff\":1,\"system\":1}"));
        assertThat(sms.get("first_response_seconds")).isEqualTo(json("{\"median\":300.0,\"p90\":300.0,\"samples\":1}"));
        assertThat(sms.get("resolution_seconds")).isEqualTo(json("{\"median\":68400.0,\"p90\":68400.0,\"samples\":1}"));
        assertThat(sms.get("by_channel")).isEqualTo(json("{\"sms\":{\"started\":1,\"first_response_median\":300.0}}"));
        assertThat(sms.get("by_staff")).isEqualTo(json("[{\"user\":{\"id\":\"" + janeId + "\",\"name\":\"Jane Doe\"},"
                + "\"conversations_handled\":1,\"replies\":1,\"first_response_median\":300.0}]"));
        assertThat(sms.get("by_day")).isEqualTo(json("["
                + "{\"date\":\"" + day + "\",\"started\":1,\"closed\":0,\"first_response_median\":300.0},"
                + "{\"date\":\"" + day.plusDays(1) + "\",\"started\":0,\"closed\":1,\"first_response_median\":null}]"));
        assertThat(sms.at("/busiest_hours/10").asLong()).isEqualTo(1);
    }

    @Test
    void anEmptyRangeHasZerosAndNullMedians() {
        JsonNode empty = summary("?from=" + day.plusDays(2) + "&to=" + day.plusDays(3));
        assertThat(empty.get("conversations")).isEqualTo(json(
                "{\"started\":0,\"closed\":0,\"escalated\":0,\"auto_closed\":0,\"reopened\":0}"));
        assertThat(empty.get("messages")).isEqualTo(json("{\"user\":0,\"staff\":0,\"system\":0}"));
        assertThat(empty.get("first_response_seconds")).isEqualTo(json("{\"median\":null,\"p90\":null,\"samples\":0}"));
        assertThat(empty.get("resolution_seconds")).isEqualTo(json("{\"median\":null,\"p90\":null,\"samples\":0}"));
        assertThat(empty.get("by_channel")).isEqualTo(json("{}"));
        assertThat(empty.get("by_staff")).isEqualTo(json("[]"));
        assertThat(empty.get("by_day")).isEqualTo(json(
                "[{\"date\":\"" + day.plusDays(2) + "\",\"started\":0,\"closed\":0,\"first_response_median\":null}]"));
        assertThat(empty.get("busiest_hours")).hasSize(24).allMatch(hour -> hour.asLong() == 0);
    }

    @Test
    void withoutDatesTheLastSevenDaysUpToTodayAreShown() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), KOLKATA);
        JsonNode recent = summary("");
        assertThat(recent.get("from").asText()).isEqualTo(today.minusDays(6).toString());
        assertThat(recent.get("to").asText()).isEqualTo(today.plusDays(1).toString());
        assertThat(recent.get("by_day")).hasSize(7);
        assertThat(recent.at("/conversations/started").asLong()).isEqualTo(7);
    }

    @Test
    void staffMembersMayNotSeeAnalytics() {
        Api.Reply reply = api.get("/api/v1/analytics/summary", jane);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().at("/error/code").asText()).isEqualTo("forbidden");
    }

    @Test
    void badRangesAreRefusedWithTheParameterNamed() {
        Api.Reply reversed = api.get("/api/v1/analytics/summary?from=" + day + "&to=" + day, admin);
        assertThat(reversed.status()).isEqualTo(422);
        assertThat(reversed.body().at("/error/details/fields/to").asText()).isEqualTo("must be after from");
        Api.Reply notADate = api.get("/api/v1/analytics/summary?from=yesterday", admin);
        assertThat(notADate.status()).isEqualTo(422);
        assertThat(notADate.body().at("/error/details/fields").has("from")).isTrue();
        assertThat(api.get("/api/v1/analytics/summary?channel=fax", admin).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/analytics/summary?from=2020-01-01&to=2026-01-01", admin).status()).isEqualTo(422);
    }

    // ---------------------------------------------------------------- script helpers

    private JsonNode summary(String query) {
        Api.Reply reply = api.get("/api/v1/analytics/summary" + query, admin);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body();
    }

    private Instant at(int dayOffset, String localTime) {
        return ZonedDateTime.of(day.plusDays(dayOffset), LocalTime.parse(localTime), KOLKATA).toInstant();
    }

    private void moveTo(int dayOffset, String localTime) {
        clock.set(at(dayOffset, localTime));
    }

    private void visitorSays(String visitor, String clientId, String text) {
        Api.Reply reply = api.post("/api/v1/widget/messages", visitor, Map.of("client_id", clientId, "text", text));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    private void staffSays(String token, String conversation, String clientId, String text) {
        Api.Reply reply = api.post("/api/v1/conversations/" + conversation + "/messages", token,
                Map.of("client_id", clientId, "text", text));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    private void legacySend(String userId, String text) {
        assertThat(api.post("/admin/api/send", admin, Map.of("user_id", userId, "channel", "webchat", "text", text))
                .status()).isEqualTo(200);
    }

    private void saveSettings(long tenantId, java.util.function.Consumer<ObjectNode> change) {
        TenantStore tenants = server.server().services().tenantStore();
        server.server().services().db().writer().execute(tx -> {
            ObjectNode document = tenants.find(tx.connection(), tenantId).orElseThrow().settings().document();
            change.accept(document);
            tenants.saveSettings(tx.connection(), tenantId, new TenantSettings(document));
            return null;
        });
    }

    /** The auto-close job's statement (lifecycle feature), run the way the job runs it: in a writer transaction. */
    private void autoClose(long tenantId, String publicId) {
        ConversationStore conversations = new ConversationStore(new AnalyticsRecorder());
        server.server().services().db().writer().execute(tx -> {
            long id = conversations.headByPublicId(tx.connection(), tenantId, publicId).orElseThrow().id();
            conversations.close(tx.connection(), id, Timestamps.toMicros(clock.instant()),
                    AnalyticsRecorder.CloseReason.AUTO);
            return null;
        });
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
