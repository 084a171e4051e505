package com.omnichat.server.followups;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FollowupsTest {
    private static final String THANKS = "✅ Thank you for your message. Our team will respond promptly.";

    private TestServer server;
    private Api api;
    private String siteKey;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
    }

    @AfterEach
    void stop() {
        server.close();
    }


    @Test
    void widgetFollowupIsStoredThanksTheVisitorAndClosesTheConversation() throws Exception {
        String visitor = api.newVisitor(siteKey);
        Api.Reply reply = api.post("/api/v1/widget/followups", visitor,
                Map.of("name", "Ann", "email", "ann@example.com", "message", "Call me"));

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        String id = reply.body().get("id").asText();
        assertThat(storedEmail(Long.parseLong(id))).isEqualTo("ann@example.com");
        JsonNode history = api.get("/api/v1/widget/messages", visitor).body();
        assertThat(history.at("/conversation/status").asText()).isEqualTo("closed");
        assertThat(history.get("data")).hasSize(1);
        assertThat(history.at("/data/0/sender").asText()).isEqualTo("system");
        assertThat(history.at("/data/0/text").asText()).isEqualTo(THANKS);
    }

    @Test
    void adminsHearTheFollowupTheThanksAndTheClose() {
        String admin = api.loginAdmin();
        try (TestSocket staff = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + admin))) {
            staff.send(Map.of("type", "hello", "data", Map.of()));
            staff.nextOfType("ready");
            String visitor = api.newVisitor(siteKey);

            api.post("/api/v1/widget/followups", visitor, Map.of("email", "ann@example.com"));

            List<JsonNode> frames = staff.collect(4, f -> f.get("seq").isNumber());
            assertThat(frames).extracting(f -> f.get("type").asText()).containsExactly(
                    "conversation.created", "message.created", "conversation.updated", "followup.created");
            assertThat(frames.get(1).at("/data/text").asText()).isEqualTo(THANKS);
            assertThat(frames.get(2).at("/data/reason").asText()).isEqualTo("closed");
            assertThat(frames.get(3).at("/data/followup/email").asText()).isEqualTo("ann@example.com");
            assertThat(frames).extracting(f -> f.get("seq").asLong()).isSorted();
        }
    }

    @Test
    void followupKeepsTheConversationOpenWhenTheTenantSaysSo() throws Exception {
        // No settings API on this branch yet: the operator's switch is set where it lives.
        sql("UPDATE tenants SET settings = json_set(settings, '$.followup_closes_conversation', json('false'))");
        String visitor = api.newVisitor(siteKey);
        api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "c1", "text", "anyone there?"));

        assertThat(api.post("/api/v1/widget/followups", visitor, Map.of("phone", "+15551234567")).status()).isEqualTo(201);

        JsonNode history = api.get("/api/v1/widget/messages", visitor).body();
        assertThat(history.at("/conversation/status").asText()).isNotEqualTo("closed");
        assertThat(history.get("data").get(history.get("data").size() - 1).get("text").asText()).isEqualTo(THANKS);
    }

    @Test
    void legacyFollowupIsStoredForTheDefaultTenant() throws Exception {
        Api.Reply reply = api.post("/followup", null, Map.of("user_id", "visitor-77", "email", "bo@example.com"));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.body().get("status").asText()).isEqualTo("ok");
        String admin = api.loginAdmin();
        JsonNode messages = api.get("/admin/api/messages/visitor-77/webchat", admin).body();
        assertThat(messages.at("/messages/0/text").asText()).isEqualTo(THANKS);
        assertThat(messages.at("/conversation/open").asInt()).isZero();
    }

    @Test
    void aVisitorMayLeaveFiveFollowupsAnHour() {
        String visitor = api.newVisitor(siteKey);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/widget/followups", visitor, Map.of("message", "try " + i)).status()).isEqualTo(201);
        }
        assertThat(api.post("/api/v1/widget/followups", visitor, Map.of("message", "one more")).status()).isEqualTo(429);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }

    private String storedEmail(long id) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement("SELECT email FROM followups WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
