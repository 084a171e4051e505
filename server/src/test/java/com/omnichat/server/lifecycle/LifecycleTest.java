package com.omnichat.server.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestClock;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** PROTOCOL.md §D.4 and §D.5 on a real server whose clock the test moves; the jobs are run explicitly. */
class LifecycleTest {
    private static final String GREETING = "Connecting you with a staff member, please wait...";
    private static final String PATIENCE = "We are still trying to locate an available staff member, thank you for your patience.";
    private static final String ESCALATION = "All staff are currently assisting others. Please leave your message and "
            + "contact info, and a team member will respond as soon as possible.";
    private static final String OFFLINE = "Our staff is currently unavailable. Please leave your contact information "
            + "and we'll get back to you soon.";
    private static final ZoneId TENANT_ZONE = ZoneId.of("America/New_York");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final TestClock clock = TestClock.startingNow();
    private TestServer server;
    private Api api;
    private String admin;
    private long tenantId;
    private String siteKey;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of(), clock);
        api = server.api();
        admin = api.loginAdmin();
        tenantId = server.server().bootstrap().orElseThrow().tenantId();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ------------------------------------------------------------------ escalation

    @Test
    void thePatienceTextGoesOutOnceAtItsThresholdAndReachesTheLegacySockets() {
        visitorSays("visitor-1", "hello?");
        try (TestSocket staff = legacyStaffSocket();
             TestSocket visitor = legacyVisitorSocket("visitor-1", staff);
             TestSocket stream = staffStream()) {
            clock.advance(Duration.ofSeconds(29));
            assertThat(runJobs()).isZero();

            clock.advance(Duration.ofSeconds(1));
            runJobs();
            JsonNode toVisitor = visitor.next();
            assertThat(fieldNames(toVisitor)).containsExactly("sender", "text", "ts");
            assertThat(toVisitor.get("sender").asText()).isEqualTo("system");
            assertThat(toVisitor.get("text").asText()).isEqualTo(PATIENCE);
            JsonNode toStaff = staff.next();
            assertThat(toStaff.get("sender").asText()).isEqualTo("system");
            assertThat(toStaff.get("text").asText()).isEqualTo(PATIENCE);
            assertThat(toStaff.get("type").asText()).isEmpty();
            assertThat(stream.nextOfType("message.created").at("/data/text").asText()).isEqualTo(PATIENCE);
            JsonNode updated = stream.nextOfType("conversation.updated");
            assertThat(updated.at("/data/reason").asText()).isEqualTo("patience_sent");
            assertThat(updated.at("/data/conversation/patience_sent").asBoolean()).isTrue();
            assertThat(updated.at("/data/conversation/status").asText()).isEqualTo("open");

            for (int i = 0; i < 3; i++) {
                assertThat(runJobs()).isZero();
                clock.advance(Duration.ofSeconds(20));
            }
            assertThat(runJobs()).isZero();
            assertThat(texts("visitor-1")).containsExactly("hello?", GREETING, PATIENCE);
            assertThat(legacyRow("visitor-1").get("patience_sent").asInt()).isEqualTo(1);
            assertThat(visitor.drain()).isEmpty();
        }
    }

    @Test
    void escalationAtItsThresholdAlertsEveryNumberOnShiftAndTellsEveryone() {
        LocalTime now = clock.instant().atZone(TENANT_ZONE).toLocalTime();
        configure(Map.of("timezone", TENANT_ZONE.getId(), "backup_number", "+15550009999", "shifts", List.of(
                shift("now", now.minusHours(1), now.plusHours(1), "+15550000001", "+15550000002"),
                shift("also now", now.minusMinutes(30), now.plusHours(2), "+15550000002", "+15550000003"),
                shift("later", now.plusHours(3), now.plusHours(4), "+15550000004"))));
        visitorSays("visitor-2", "is anyone there?");
        try (TestSocket staff = legacyStaffSocket();
             TestSocket visitor = legacyVisitorSocket("visitor-2", staff);
             TestSocket stream = staffStream()) {
            clock.advance(Duration.ofSeconds(30));
            runJobs();
            assertThat(visitor.next().get("text").asText()).isEqualTo(PATIENCE);

            clock.advance(Duration.ofSeconds(269));
            assertThat(runJobs()).isZero();
            clock.advance(Duration.ofSeconds(1));
            runJobs();

            JsonNode toVisitor = visitor.next();
            assertThat(fieldNames(toVisitor)).containsExactly("sender", "text", "ts");
            assertThat(toVisitor.get("text").asText()).isEqualTo(ESCALATION);
            assertThat(staff.nextMatching(f -> f.path("text").asText().equals(ESCALATION)).get("sender").asText())
                    .isEqualTo("system");
            stream.nextMatching(f -> f.path("type").asText().equals("message.created")
                    && f.at("/data/text").asText().equals(ESCALATION));
            JsonNode escalated = stream.nextMatching(f -> f.at("/data/reason").asText().equals("escalated"));
            assertThat(escalated.at("/data/conversation/status").asText()).isEqualTo("escalated");
            assertThat(escalated.at("/data/conversation/escalated_at").asText()).endsWith("Z");

            JsonNode row = legacyRow("visitor-2");
            assertThat(row.get("final_sent").asInt()).isEqualTo(1);
            assertThat(row.get("open").asInt()).isEqualTo(1);
            assertThat(api.get("/admin/api/escalated", admin).body().get("conversations")).hasSize(1);

            JsonNode audit = onlyAudit("conversation.escalated");
            assertThat(audit.get("actor_kind").asText()).isEqualTo("system");
            assertThat(audit.at("/details/alert_recipients").asText()).isEqualTo("shifts");
            assertThat(audit.at("/details/alert_numbers")).extracting(JsonNode::asText)
                    .containsExactly("+15550000001", "+15550000002", "+15550000003");
            // No SMS sender exists on this branch yet: the entry says so rather than claiming the alert went out.
            assertThat(audit.at("/details/alert").asText()).isEqualTo("not_sent");
            assertThat(audit.at("/details/alert_note").asText()).isEqualTo("SMS sending is not configured");

            clock.advance(Duration.ofMinutes(10));
            assertThat(server.server().lifecycle().escalation().run()).isZero();
            assertThat(texts("visitor-2")).containsExactly("is anyone there?", GREETING, PATIENCE, ESCALATION);
            assertThat(audits("conversation.escalated")).hasSize(1);
        }
    }

    @Test
    void outsideEveryShiftTheBackupNumberIsAlertedAndWithoutOneTheAuditSaysNobodyWas() {
        LocalTime now = clock.instant().atZone(TENANT_ZONE).toLocalTime();
        configure(Map.of("timezone", TENANT_ZONE.getId(), "backup_number", "+15550009999", "shifts", List.of(
                shift("later", now.plusHours(2), now.plusHours(3), "+15550000004"))));
        visitorSays("visitor-3", "hi");
        clock.advance(Duration.ofMinutes(5));
        runJobs();
        JsonNode backup = onlyAudit("conversation.escalated");
        assertThat(backup.at("/details/alert_recipients").asText()).isEqualTo("backup_number");
        assertThat(backup.at("/details/alert_numbers")).extracting(JsonNode::asText).containsExactly("+15550009999");

        configure(Map.of("backup_number", "", "shifts", List.of()));
        visitorSays("visitor-4", "hi");
        clock.advance(Duration.ofMinutes(5));
        runJobs();
        JsonNode nobody = audits("conversation.escalated").get(1);
        assertThat(nobody.at("/details/alert_recipients").asText()).isEqualTo("none");
        assertThat(nobody.at("/details/alert_numbers")).isEmpty();
        assertThat(nobody.at("/details/alert").asText()).isEqualTo("not_sent");
        assertThat(nobody.at("/details/alert_note").asText())
                .isEqualTo("no shift covers this time and there is no backup number");
    }

    @Test
    void anEscalationFoundDueSkipsThePatienceTextItNeverSent() {
        visitorSays("visitor-5", "hello");
        clock.advance(Duration.ofMinutes(6));
        runJobs();
        assertThat(texts("visitor-5")).containsExactly("hello", GREETING, ESCALATION);
        JsonNode row = legacyRow("visitor-5");
        assertThat(row.get("patience_sent").asInt()).isEqualTo(1);
        assertThat(row.get("final_sent").asInt()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(runJobs()).isZero();
    }

    @Test
    void aStaffReplyEndsTheWaitingSoNothingFollows() {
        visitorSays("visitor-6", "hello");
        clock.advance(Duration.ofSeconds(10));
        staffSays("visitor-6", "Hi, how can I help?");
        clock.advance(Duration.ofMinutes(10));
        assertThat(server.server().lifecycle().escalation().run()).isZero();
        visitorSays("visitor-6", "my order is late");
        clock.advance(Duration.ofMinutes(10));
        assertThat(server.server().lifecycle().escalation().run()).isZero();
        assertThat(texts("visitor-6")).containsExactly("hello", GREETING, "Hi, how can I help?", "my order is late");
        assertThat(legacyRow("visitor-6").get("escalation_active").asInt()).isZero();
    }

    @Test
    void aStaffReplyDeEscalatesAnEscalatedConversation() {
        visitorSays("visitor-7", "hello");
        clock.advance(Duration.ofMinutes(5));
        runJobs();
        try (TestSocket stream = staffStream()) {
            staffSays("visitor-7", "Sorry for the wait");
            JsonNode update = stream.nextOfType("conversation.updated");
            assertThat(update.at("/data/reason").asText()).isEqualTo("de_escalated");
            assertThat(update.at("/data/conversation/status").asText()).isEqualTo("open");
        }
        JsonNode row = legacyRow("visitor-7");
        assertThat(row.get("final_sent").asInt()).isZero();
        assertThat(row.get("patience_sent").asInt()).isZero();
        assertThat(row.get("escalation_active").asInt()).isZero();
        clock.advance(Duration.ofMinutes(10));
        assertThat(server.server().lifecycle().escalation().run()).isZero();
    }

    @Test
    void aThresholdOfZeroDisablesItsStep() {
        configure(Map.of("patience_seconds", 0));
        visitorSays("visitor-8", "hello");
        clock.advance(Duration.ofMinutes(4));
        assertThat(runJobs()).isZero();
        clock.advance(Duration.ofMinutes(1));
        runJobs();
        assertThat(texts("visitor-8")).containsExactly("hello", GREETING, ESCALATION);

        configure(Map.of("patience_seconds", 30, "escalate_after_seconds", 0, "auto_close_minutes", 0));
        visitorSays("visitor-9", "hello");
        clock.advance(Duration.ofSeconds(30));
        runJobs();
        clock.advance(Duration.ofDays(2));
        assertThat(runJobs()).isZero();
        assertThat(texts("visitor-9")).containsExactly("hello", GREETING, PATIENCE);
        assertThat(legacyRow("visitor-9").get("open").asInt()).isEqualTo(1);
    }

    @Test
    void aConversationStartedOutsideBusinessHoursGetsNoPatienceEscalationOrAlert() {
        configure(Map.of("business_hours", Map.of("mon", List.of(), "tue", List.of(), "wed", List.of(), "thu", List.of(),
                "fri", List.of(), "sat", List.of(), "sun", List.of())));
        visitorSays("night-owl", "anyone there?");
        clock.advance(Duration.ofMinutes(10));
        assertThat(server.server().lifecycle().escalation().run()).isZero();
        assertThat(texts("night-owl")).containsExactly("anyone there?", OFFLINE);
        assertThat(audits("conversation.escalated")).isEmpty();
        assertThat(legacyRow("night-owl").get("final_sent").asInt()).isEqualTo(1);
    }

    @Test
    void twoOverlappingRunsTakeEachStepOnce() {
        for (int i = 0; i < 20; i++) {
            visitorSays("crowd-" + i, "hello");
        }
        clock.advance(Duration.ofSeconds(30));
        var escalation = server.server().lifecycle().escalation();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(escalation::run);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(escalation::run);
        CompletableFuture.allOf(first, second).join();
        for (int i = 0; i < 20; i++) {
            assertThat(texts("crowd-" + i)).containsExactly("hello", GREETING, PATIENCE);
        }
    }

    @Test
    void aRestartNeitherRepeatsNorSkipsAStep() {
        visitorSays("visitor-10", "hello");
        clock.advance(Duration.ofSeconds(31));
        runJobs();

        server.restart();
        assertThat(runJobs()).isZero();
        clock.advance(Duration.ofSeconds(270));
        server.restart();
        runJobs();
        server.restart();
        clock.advance(Duration.ofSeconds(10));
        assertThat(runJobs()).isZero();
        assertThat(texts("visitor-10")).containsExactly("hello", GREETING, PATIENCE, ESCALATION);
        assertThat(audits("conversation.escalated")).hasSize(1);
    }

    // ------------------------------------------------------------------ auto-close

    @Test
    void anIdleConversationIsClosedAfterItsTextAndBothStreamsHearOfIt() {
        configure(Map.of("patience_seconds", 0, "escalate_after_seconds", 0,
                "texts", Map.of("auto_close", "We closed this chat; write again any time.")));
        String visitor = api.newVisitor(siteKey);
        assertThat(api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "m-1", "text", "hello")).status())
                .isEqualTo(201);
        String conversationId = api.get("/api/v1/widget/messages", visitor).body().at("/conversation/id").asText();
        try (TestSocket staff = staffStream();
             TestSocket visitorStream = visitorStream(visitor)) {
            clock.advance(Duration.ofMinutes(30));
            assertThat(runJobs()).isZero();
            clock.advance(Duration.ofSeconds(1));
            runJobs();

            assertThat(staff.nextOfType("message.created").at("/data/text").asText())
                    .isEqualTo("We closed this chat; write again any time.");
            JsonNode closed = staff.nextOfType("conversation.updated");
            assertThat(closed.at("/data/reason").asText()).isEqualTo("auto_closed");
            assertThat(closed.at("/data/conversation/status").asText()).isEqualTo("closed");
            assertThat(visitorStream.nextOfType("message.created").at("/data/text").asText())
                    .isEqualTo("We closed this chat; write again any time.");
            JsonNode toVisitor = visitorStream.nextOfType("conversation.updated");
            assertThat(toVisitor.at("/data/reason").asText()).isEqualTo("auto_closed");
            assertThat(toVisitor.at("/data/conversation/status").asText()).isEqualTo("closed");
        }
        JsonNode audit = onlyAudit("conversation.auto_closed");
        assertThat(audit.get("actor_kind").asText()).isEqualTo("system");
        assertThat(audit.get("target_id").asText()).isEqualTo(conversationId);
        clock.advance(Duration.ofHours(1));
        assertThat(runJobs()).isZero();

        assertThat(api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "m-2", "text", "back again"))
                .status()).isEqualTo(201);
        assertThat(api.get("/api/v1/widget/messages", visitor).body().at("/conversation/status").asText())
                .isEqualTo("open");
    }

    @Test
    void systemMessagesDoNotKeepAConversationOpenButUserAndStaffMessagesDo() {
        visitorSays("visitor-11", "hello");
        clock.advance(Duration.ofMinutes(20));
        runJobs();
        staffSays("visitor-11", "Still there?");
        clock.advance(Duration.ofMinutes(20));
        assertThat(server.server().lifecycle().autoClose().run()).isZero();
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        server.server().lifecycle().autoClose().run();
        JsonNode row = legacyRow("visitor-11");
        assertThat(row.get("open").asInt()).isZero();
        assertThat(texts("visitor-11")).containsExactly("hello", GREETING, ESCALATION, "Still there?");
    }

    @Test
    void aContactWhoReturnsAfterAnAutoCloseStartsANewWaitWithItsOwnPatienceText() {
        try (TestSocket staff = legacyStaffSocketWithoutConversations()) {
            visitorSays("visitor-12", "hello");
            clock.advance(Duration.ofMinutes(31));
            runJobs();
            assertThat(legacyRow("visitor-12").get("open").asInt()).isZero();

            visitorSays("visitor-12", "me again");
            clock.advance(Duration.ofSeconds(30));
            runJobs();
            assertThat(texts("visitor-12")).containsExactly("hello", GREETING, ESCALATION, "me again", GREETING,
                    PATIENCE);
            assertThat(staff.nextMatching(f -> f.path("text").asText().equals("me again"))).isNotNull();
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Runs both jobs now. The server's own timers also run (every few real seconds) and may take a step first, so
     * tests assert what happened, never how many steps this particular run took, except that nothing was due.
     */
    private int runJobs() {
        return server.server().lifecycle().runOnce();
    }

    private void visitorSays(String userId, String text) {
        assertThat(api.post("/webchat", null, Map.of("user_id", userId, "text", text)).status()).isEqualTo(200);
    }

    private void staffSays(String userId, String text) {
        assertThat(api.post("/admin/api/send", admin, Map.of("user_id", userId, "channel", "webchat", "text", text))
                .status()).isEqualTo(200);
    }

    /** Until the settings API is merged, the tenant's settings document is merged directly, as PATCH would. */
    private void configure(Map<String, Object> patch) {
        String json = Api.json(patch);
        server.server().services().db().writer().execute(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "UPDATE tenants SET settings = json_patch(settings, ?) WHERE id = ?")) {
                ps.setString(1, json);
                ps.setLong(2, tenantId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static Map<String, Object> shift(String name, LocalTime start, LocalTime end, String... numbers) {
        return Map.of("name", name, "start", start.format(HH_MM), "end", end.format(HH_MM), "numbers", List.of(numbers));
    }

    private List<String> texts(String userId) {
        JsonNode found = api.get("/admin/api/messages/" + userId + "/webchat", admin).body();
        List<String> texts = new ArrayList<>();
        found.get("messages").forEach(m -> texts.add(m.get("text").asText()));
        return texts;
    }

    private JsonNode legacyRow(String userId) {
        return api.get("/admin/api/messages/" + userId + "/webchat", admin).body().get("conversation");
    }

    private JsonNode onlyAudit(String type) {
        List<JsonNode> entries = audits(type);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private List<JsonNode> audits(String type) {
        return server.server().services().db().read(c -> {
            List<JsonNode> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT actor_kind, target_id, details FROM audit_events "
                    + "WHERE tenant_id = ? AND type = ? ORDER BY id")) {
                ps.setLong(1, tenantId);
                ps.setString(2, type);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> entry = new HashMap<>();
                        entry.put("actor_kind", rs.getString(1));
                        entry.put("target_id", rs.getString(2));
                        entry.put("details", readJson(rs.getString(3)));
                        result.add(Api.JSON.valueToTree(entry));
                    }
                }
            }
            return result;
        });
    }

    private static JsonNode readJson(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A legacy staff socket known to be registered: its snapshot of the open conversations has arrived. */
    private TestSocket legacyStaffSocket() {
        TestSocket staff = TestSocket.open(server.wsUrl("/admin-ws?token=" + admin));
        staff.nextOfType("snapshot");
        staff.drain();
        return staff;
    }

    /** A registered legacy staff socket for a test that has no conversation yet: one is made for the snapshot. */
    private TestSocket legacyStaffSocketWithoutConversations() {
        visitorSays("warm-up", "warming up");
        return legacyStaffSocket();
    }

    /** A legacy visitor socket known to be registered: its typing has reached the staff socket. */
    private TestSocket legacyVisitorSocket(String userId, TestSocket staff) {
        TestSocket visitor = TestSocket.open(server.wsUrl("/ws/" + userId));
        visitor.send(Map.of("type", "stop_typing"));
        staff.nextMatching(f -> f.path("type").asText().equals("stop_typing") && f.path("user_id").asText().equals(userId));
        return visitor;
    }

    private TestSocket staffStream() {
        TestSocket socket = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + admin));
        socket.send(Map.of("type", "hello", "data", Map.of()));
        socket.nextOfType("ready");
        return socket;
    }

    private TestSocket visitorStream(String visitorAuthorization) {
        String[] credentials = visitorAuthorization.substring("Visitor ".length()).split(":", 2);
        TestSocket socket = TestSocket.open(server.wsUrl("/api/v1/widget/stream"));
        socket.send(Map.of("type", "hello", "data", Map.of("visitor_id", credentials[0], "visitor_secret", credentials[1])));
        socket.nextOfType("ready");
        return socket;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
