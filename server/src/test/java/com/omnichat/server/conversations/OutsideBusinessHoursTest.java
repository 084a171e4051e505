package com.omnichat.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PROTOCOL.md §D.4: outside business hours a new conversation gets the offline text and starts escalated. */
class OutsideBusinessHoursTest {
    private static final String OFFLINE = "Our staff is currently unavailable. Please leave your contact information "
            + "and we'll get back to you soon.";

    @Test
    void aConversationStartedWhileClosedGetsTheOfflineTextAndStartsEscalated() throws Exception {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
                 Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE tenants SET settings = json_set(settings, '$.business_hours', json('"
                        + "{\"mon\":[],\"tue\":[],\"wed\":[],\"thu\":[],\"fri\":[],\"sat\":[],\"sun\":[]}'))");
            }
            assertThat(api.post("/webchat", null, Map.of("user_id", "night-owl", "text", "anyone there?")).status())
                    .isEqualTo(200);

            String admin = api.loginAdmin();
            JsonNode found = api.get("/admin/api/messages/night-owl/webchat", admin).body();
            assertThat(found.get("messages")).extracting(m -> m.get("text").asText())
                    .containsExactly("anyone there?", OFFLINE);
            assertThat(found.at("/conversation/final_sent").asInt()).isEqualTo(1);
            assertThat(api.get("/admin/api/escalated", admin).body().get("conversations")).hasSize(1);
        }
    }
}
