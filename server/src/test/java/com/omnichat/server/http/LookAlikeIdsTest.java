package com.omnichat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An id that looks like a real one but is not (a space at an end, a zero-width or bidirectional control, a BOM) would
 * open a second conversation that staff cannot tell from the first, and {@code " v_…"} would slip past the legacy
 * routes' refusal of server-issued ids. Every route family answers 422 and every socket closes 1008; nothing is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookAlikeIdsTest {
    private static final String REAL = "visitor-7";
    private static final List<String> LOOK_ALIKES = List.of(
            " " + REAL,
            REAL + " ",
            "visitor\u200B-7",
            REAL + "\u202E",
            "\u2066" + REAL,
            "\uFEFF" + REAL,
            "visitor\u00AD-7",
            "\u00A0" + REAL,
            " v_x");
    private static final List<String> TABLES = List.of("conversations", "messages", "followups", "visitors",
            "stream_events", "audit_events");

    private TestServer server;
    private Api api;
    private String admin;
    private String siteKey;

    @BeforeAll
    void setUp() {
        server = TestServer.start();
        api = server.api();
        admin = api.loginAdmin();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
        assertThat(api.post("/webchat", null, Map.of("user_id", REAL, "text", "the real one")).status()).isEqualTo(200);
    }

    @AfterAll
    void tearDown() {
        server.close();
    }

    @Test
    void legacyVisitorRoutesAnswer422WithTheirOwnErrorShape() throws Exception {
        Map<String, Long> before = snapshot();
        for (String id : LOOK_ALIKES) {
            Api.Reply message = api.post("/webchat", null, Map.of("user_id", id, "text", "hello"));
            assertThat(message.status()).as("POST /webchat %s", visible(id)).isEqualTo(422);
            assertThat(message.body().at("/detail/0/loc").toString()).isEqualTo("[\"body\",\"user_id\"]");

            Api.Reply followup = api.post("/followup", null, Map.of("user_id", id, "email", "ann@example.com"));
            assertThat(followup.status()).as("POST /followup %s", visible(id)).isEqualTo(422);
            assertThat(followup.body().at("/detail/0/loc").toString()).isEqualTo("[\"body\",\"user_id\"]");
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(api.get("/admin/api/convos", admin).body().get("conversations")).hasSize(1);
    }

    @Test
    void legacyStaffRoutesAnswer422() throws Exception {
        Map<String, Long> before = snapshot();
        for (String id : LOOK_ALIKES) {
            Api.Reply send = api.post("/admin/api/send", admin, Map.of("user_id", id, "channel", "webchat", "text", "hi"));
            assertThat(send.status()).as("POST /admin/api/send %s", visible(id)).isEqualTo(422);
            Api.Reply close = api.post("/handoff/close", admin, Map.of("user_id", id));
            assertThat(close.status()).as("POST /handoff/close %s", visible(id)).isEqualTo(422);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theWidgetSessionRouteAnswers422InTheV1ShapeAndIssuesNoVisitor() throws Exception {
        Map<String, Long> before = snapshot();
        for (String id : LOOK_ALIKES) {
            Api.Reply session = api.post("/api/v1/widget/sessions", null,
                    Map.of("site_key", siteKey, "visitor_id", id, "visitor_secret", "a-secret"));
            assertThat(session.status()).as("POST /api/v1/widget/sessions %s", visible(id)).isEqualTo(422);
            assertThat(session.body().at("/error/code").asText()).isEqualTo("validation_failed");
            assertThat(session.body().at("/error/details/fields/visitor_id").asText()).isNotBlank();
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theLegacyVisitorSocketClosesWith1008() throws Exception {
        Map<String, Long> before = snapshot();
        for (String id : LOOK_ALIKES) {
            String path = "/ws/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            try (TestSocket socket = TestSocket.open(server.wsUrl(path))) {
                assertThat(socket.awaitClose()).as("WS /ws/%s", visible(id)).isEqualTo(1008);
            }
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theVisitorStreamClosesWith1008() throws Exception {
        Map<String, Long> before = snapshot();
        for (String id : LOOK_ALIKES) {
            try (TestSocket socket = TestSocket.open(server.wsUrl("/api/v1/widget/stream"))) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("visitor_id", id);
                data.put("visitor_secret", "a-secret");
                socket.send(Map.of("type", "hello", "data", data));
                assertThat(socket.awaitClose()).as("visitor stream %s", visible(id)).isEqualTo(1008);
            }
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theRealIdStillWorks() {
        assertThat(api.post("/webchat", null, Map.of("user_id", REAL, "text", "again")).status()).isEqualTo(200);
        assertThat(api.post("/admin/api/send", admin, Map.of("user_id", REAL, "channel", "webchat", "text", "hi"))
                .status()).isEqualTo(200);
        JsonNode messages = api.get("/admin/api/messages/" + REAL + "/webchat", admin).body().get("messages");
        assertThat(messages).extracting(m -> m.get("text").asText()).contains("the real one", "again", "hi");
    }

    private static String visible(String id) {
        StringBuilder out = new StringBuilder("\"");
        id.codePoints().forEach(cp -> out.append(cp >= 0x21 && cp < 0x7f ? Character.toString(cp) : String.format("\\u%04X", cp)));
        return out.append('"').toString();
    }

    private Map<String, Long> snapshot() throws Exception {
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
