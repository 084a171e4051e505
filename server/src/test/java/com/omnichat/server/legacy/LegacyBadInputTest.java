package com.omnichat.server.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input to a legacy write route gets a 4xx that explains itself, and nothing is written. */
class LegacyBadInputTest {
    private static final List<String> TABLES = List.of("conversations", "messages", "stream_events", "audit_events");
    private static final String TOO_LONG = "x".repeat(10_001);

    private static TestServer server;
    private static Api api;
    private static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        token = api.loginAdmin();
        assertThat(api.post("/webchat", null, Map.of("user_id", "visitor-known", "text", "hi")).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Api.Reply raw(String path, String auth, String body) {
        return api.raw("POST", path, auth == null ? null : auth, "application/json", body, Map.of());
    }

    private static Map<String, Supplier<Api.Reply>> cases() {
        Map<String, Supplier<Api.Reply>> cases = new LinkedHashMap<>();
        cases.put("webchat: malformed JSON", () -> raw("/webchat", null, "{\"user_id\":"));
        cases.put("webchat: not an object", () -> raw("/webchat", null, "[1,2]"));
        cases.put("webchat: form body", () -> api.form("/webchat", Map.of("user_id", "visitor-known", "text", "hi")));
        cases.put("webchat: missing user_id", () -> api.post("/webchat", null, Map.of("text", "hi")));
        cases.put("webchat: user_id a number", () -> api.post("/webchat", null, Map.of("user_id", 7, "text", "hi")));
        cases.put("webchat: user_id too long", () -> api.post("/webchat", null, Map.of("user_id", "u".repeat(129), "text", "hi")));
        cases.put("webchat: control character", () -> api.post("/webchat", null, Map.of("user_id", "visitor\u0007", "text", "hi")));
        cases.put("webchat: text a list", () -> api.post("/webchat", null, Map.of("user_id", "visitor-known", "text", List.of("hi"))));
        cases.put("webchat: oversized text", () -> api.post("/webchat", null, Map.of("user_id", "visitor-known", "text", TOO_LONG)));
        cases.put("webchat: other channel", () -> api.post("/webchat", null, Map.of("user_id", "visitor-known", "channel", "whatsapp", "text", "hi")));
        cases.put("webchat: hardened id", () -> api.post("/webchat", null, Map.of("user_id", "v_known", "text", "hi")));
        cases.put("send: no token", () -> api.post("/admin/api/send", null, Map.of("user_id", "visitor-known", "channel", "webchat", "text", "hi")));
        cases.put("send: missing channel", () -> api.post("/admin/api/send", token, Map.of("user_id", "visitor-known", "text", "hi")));
        cases.put("send: blank text", () -> api.post("/admin/api/send", token, Map.of("user_id", "visitor-known", "channel", "webchat", "text", " ")));
        cases.put("send: oversized text", () -> api.post("/admin/api/send", token, Map.of("user_id", "visitor-known", "channel", "webchat", "text", TOO_LONG)));
        cases.put("send: unknown conversation", () -> api.post("/admin/api/send", token, Map.of("user_id", "visitor-unknown", "channel", "webchat", "text", "hi")));
        cases.put("close: missing user_id", () -> api.post("/handoff/close", token, Map.of("channel", "webchat")));
        cases.put("close: unknown channel", () -> api.post("/handoff/close", token, Map.of("user_id", "visitor-known", "channel", "fax")));
        cases.put("close-bulk: missing list", () -> api.post("/handoff/close-bulk", token, Map.of()));
        cases.put("close-bulk: not a list", () -> api.post("/handoff/close-bulk", token, Map.of("conversations", "visitor-known")));
        return cases;
    }

    @Test
    void badInputGetsAClear4xxAndWritesNothing() throws Exception {
        for (Map.Entry<String, Supplier<Api.Reply>> c : cases().entrySet()) {
            Map<String, Long> before = counts();
            Api.Reply reply = c.getValue().get();
            assertThat(reply.status()).as(c.getKey() + ": " + reply.text()).isBetween(400, 499);
            assertThat(explanation(reply.body())).as(c.getKey() + " explains itself").isNotBlank();
            assertThat(counts()).as(c.getKey() + " wrote nothing").isEqualTo(before);
        }
    }

    private static String explanation(JsonNode body) {
        JsonNode detail = body == null ? null : body.get("detail");
        if (detail == null) {
            return "";
        }
        return detail.isArray() ? detail.get(0).get("msg").asText() : detail.asText();
    }

    private static Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement st = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
