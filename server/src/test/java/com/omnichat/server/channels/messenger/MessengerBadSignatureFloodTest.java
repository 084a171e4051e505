package com.omnichat.server.channels.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestClock;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.omnichat.server.support.TestServer.withLifecycleOff;
import static org.assertj.core.api.Assertions.assertThat;

/** Forged Messenger events: one audit row per minute counting them, and 429 past 100 from one address (§C.5, §D.3). */
class MessengerBadSignatureFloodTest {
    private static final String PUBLIC_BASE_URL = "https://chat.example.com";
    private static final String PAGE_ID = "1234567890";
    private static final String APP_SECRET = "app-secret-of-a";

    private final TestClock clock = TestClock.startingNow();
    private TestServer server;
    private Api api;
    private String admin;

    @BeforeEach
    void start() {
        server = TestServer.start(withLifecycleOff(Map.of("PUBLIC_BASE_URL", PUBLIC_BASE_URL)), clock);
        api = server.api();
        admin = api.loginAdmin();
        ChannelSettings.set(api, admin, "messenger", Map.of("page_id", PAGE_ID, "page_access_token", "page-token",
                "app_secret", APP_SECRET, "verify_token", "verify-token"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aHundredForgedEventsMakeOneAuditRowCountingThemAndThen429() {
        SignedWebhooks webhooks = new SignedWebhooks(api, PUBLIC_BASE_URL);
        for (int i = 0; i < 100; i++) {
            assertThat(webhooks.messenger("not-the-secret", event(i)).status()).as("forgery %d", i).isEqualTo(403);
        }
        JsonNode rows = api.get("/api/v1/audit-events?type=webhook.rejected", admin).body().get("data");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("count").asLong()).isEqualTo(100);
        assertThat(rows.get(0).at("/actor/name").asText()).isEqualTo("Messenger");

        Api.Reply limited = webhooks.messenger(null, event(100));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text()).isEqualTo("{\"detail\":\"Too many requests\"}");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(webhooks.messenger(APP_SECRET, event(101)).status()).as("a genuine event still passes")
                .isEqualTo(200);
        assertThat(api.get("/api/v1/audit-events?type=webhook.rejected", admin).body().at("/data/0/count").asLong())
                .isEqualTo(100);
    }

    private static String event(int i) {
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_ID + "\",\"time\":1764089000000,\"messaging\":["
                + "{\"sender\":{\"id\":\"29" + String.format("%014d", i) + "\"},\"recipient\":{\"id\":\"" + PAGE_ID
                + "\"},\"timestamp\":1764089000000,\"message\":{\"mid\":\"m_flood_" + i + "\",\"text\":\"hi\"}}]}]}";
    }
}
