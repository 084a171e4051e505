package com.omnichat.server.channels.webchat;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WidgetConfigTest {
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

    private boolean online() {
        return api.get("/api/v1/widget/config?site_key=" + siteKey, null).body().get("online").asBoolean();
    }

    @Test
    void onlineNeedsConnectedStaffWithinBusinessHours() throws Exception {
        assertThat(online()).as("nobody connected").isFalse();
        try (TestSocket staff = TestSocket.open(server.wsUrl("/api/v1/stream"),
                Map.of("Authorization", "Bearer " + api.loginAdmin()))) {
            staff.send(Map.of("type", "hello", "data", Map.of()));
            staff.nextOfType("ready");
            assertThat(online()).as("staff connected, no business hours set").isTrue();

            closedAllWeek();
            assertThat(online()).as("staff connected outside business hours").isFalse();
        }
    }

    private void closedAllWeek() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE tenants SET settings = json_set(settings, '$.business_hours', json('"
                    + "{\"mon\":[],\"tue\":[],\"wed\":[],\"thu\":[],\"fri\":[],\"sat\":[],\"sun\":[]}'))");
        }
    }
}
