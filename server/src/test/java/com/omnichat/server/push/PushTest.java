package com.omnichat.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestClock;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.tenants.TenantService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.omnichat.server.support.TestServer.withLifecycleOff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Staff devices register push tokens and get one push per new contact message (PROTOCOL.md §A.9), via a fake Expo. */
class PushTest {
    private static final String ADMIN_DEVICE = "ExponentPushToken[admin-device-0001]";
    private static final String STAFF_DEVICE = "ExpoPushToken[staff-device-0002]";
    private static final String OTHER_TENANT_DEVICE = "ExponentPushToken[tenant-b-device-0003]";
    private static final String ACCESS_TOKEN = "expo-access-token-for-the-tests";

    private FakeExpo expo;
    private TestClock clock;
    private TestServer server;
    private Api api;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        expo = new FakeExpo();
        clock = TestClock.startingNow();
        server = TestServer.start(withLifecycleOff(Map.of("EXPO_PUSH_URL", expo.url(), "EXPO_ACCESS_TOKEN", ACCESS_TOKEN)), clock);
        api = server.api();
        admin = api.loginAdmin();
    }

    @AfterEach
    void stop() {
        server.close();
        expo.close();
    }

    private String staffToken() {
        api.post("/api/v1/users", admin, Map.of("email", "sam@example.com", "name", "Sam", "role", "staff",
                "password", "staff-password-1"));
        return api.login("sam@example.com", "staff-password-1");
    }

    @Test
    void legacyRegistrationAnswersAsTheMobileAppExpects() {
        Api.Reply ok = api.post("/admin/api/push-token", admin, Map.of("push_token", ADMIN_DEVICE));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text()).isEqualTo("{\"success\":true,\"message\":\"Push token registered\"}");

        Api.Reply missing = api.post("/admin/api/push-token", admin, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text()).isEqualTo("{\"detail\":\"push_token is required\"}");
        assertThat(api.post("/admin/api/push-token", admin, Map.of("push_token", "  ")).status()).isEqualTo(400);
        assertThat(api.post("/admin/api/push-token", admin, Map.of("push_token", "not-an-expo-token")).status()).isEqualTo(422);
        assertThat(api.post("/admin/api/push-token", admin,
                Map.of("push_token", "ExponentPushToken[" + "x".repeat(250) + "]")).status()).isEqualTo(422);
        assertThat(api.post("/admin/api/push-token", staffToken(), Map.of("push_token", STAFF_DEVICE)).status())
                .as("staff may register too").isEqualTo(200);
    }

    @Test
    void aContactMessagePushesToEveryActiveDeviceOfItsTenantOnly() throws Exception {
        TenantService.Created b = server.server().tenants().create("Tenant B", "admin@b.example", "B Admin",
                Optional.of("b-admin-password"));
        api.post("/admin/api/push-token", api.login("admin@b.example", "b-admin-password"),
                Map.of("push_token", OTHER_TENANT_DEVICE));
        api.post("/admin/api/push-token", admin, Map.of("push_token", ADMIN_DEVICE));
        assertThat(api.post("/api/v1/me/push-tokens", staffToken(), Map.of("token", STAFF_DEVICE, "platform", "expo"))
                .status()).isEqualTo(204);
        String longText = "Hello, I need help with my order " + "x".repeat(200);

        assertThat(api.post("/webchat", null, Map.of("user_id", "visitor-7", "text", longText)).status()).isEqualTo(200);

        FakeExpo.Received request = expo.next();
        assertThat(request.authorization()).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(request.contentType()).startsWith("application/json");
        List<String> recipients = new ArrayList<>();
        request.messages().forEach(m -> recipients.add(m.get("to").asText()));
        assertThat(recipients).containsExactlyInAnyOrder(ADMIN_DEVICE, STAFF_DEVICE);
        JsonNode message = request.messages().get(0);
        assertThat(message.get("sound").asText()).isEqualTo("default");
        assertThat(message.get("title").asText()).isEqualTo("New message from visitor-7");
        assertThat(message.get("body").asText()).isEqualTo(longText.substring(0, 100));
        assertThat(message.get("data").toString())
                .isEqualTo("{\"type\":\"new_message\",\"user_id\":\"visitor-7\",\"channel\":\"webchat\"}");
        assertThat(message.get("priority").asText()).isEqualTo("high");
        assertThat(message.get("channelId").asText()).isEqualTo("dwc-admin-messages");

        api.raw("POST", "/webchat", null, "application/json", "{\"user_id\":\"visitor-of-b\",\"text\":\"hi\"}",
                Map.of("X-Site-Key", b.siteKey()));
        FakeExpo.Received forB = expo.next();
        assertThat(forB.messages()).hasSize(1);
        assertThat(forB.messages().get(0).get("to").asText()).isEqualTo(OTHER_TENANT_DEVICE);
    }

    @Test
    void pushesForOneConversationCollapseToOnePerDeviceEveryThirtySeconds() throws Exception {
        api.post("/admin/api/push-token", admin, Map.of("push_token", ADMIN_DEVICE));
        api.post("/webchat", null, Map.of("user_id", "visitor-1", "text", "first"));
        assertThat(expo.next().messages().get(0).get("body").asText()).isEqualTo("first");

        api.post("/webchat", null, Map.of("user_id", "visitor-1", "text", "second, within 30 s"));
        api.post("/webchat", null, Map.of("user_id", "visitor-2", "text", "another conversation"));
        assertThat(expo.next().messages().get(0).get("body").asText())
                .as("the second message of visitor-1 was collapsed; the next push is visitor-2's").isEqualTo("another conversation");

        clock.advance(Duration.ofSeconds(31));
        api.post("/webchat", null, Map.of("user_id", "visitor-1", "text", "third, later"));
        assertThat(expo.next().messages().get(0).get("body").asText()).isEqualTo("third, later");
    }

    @Test
    void aTokenExpoNoLongerKnowsIsForgotten() throws Exception {
        api.post("/admin/api/push-token", admin, Map.of("push_token", ADMIN_DEVICE));
        expo.answerDeviceNotRegisteredFor(ADMIN_DEVICE);

        api.post("/webchat", null, Map.of("user_id", "visitor-1", "text", "hello"));
        expo.next();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(tokens()).doesNotContain(ADMIN_DEVICE));
    }

    @Test
    void aTokenBelongsToItsLatestUserSurvivesRestartsAndOnlyItsOwnerRemovesIt() throws Exception {
        String staff = staffToken();
        api.post("/admin/api/push-token", admin, Map.of("push_token", ADMIN_DEVICE));
        api.post("/admin/api/push-token", staff, Map.of("push_token", ADMIN_DEVICE));
        assertThat(owner(ADMIN_DEVICE)).isEqualTo("sam@example.com");

        server.restart();
        String encoded = URLEncoder.encode(ADMIN_DEVICE, StandardCharsets.UTF_8);
        assertThat(api.delete("/api/v1/me/push-tokens/" + encoded, admin).status()).isEqualTo(204);
        assertThat(tokens()).as("the admin does not own it any more").contains(ADMIN_DEVICE);
        assertThat(api.delete("/api/v1/me/push-tokens/" + encoded, staff).status()).isEqualTo(204);
        assertThat(tokens()).doesNotContain(ADMIN_DEVICE);
    }

    private List<String> tokens() throws Exception {
        List<String> tokens = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement("SELECT token FROM push_tokens");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tokens.add(rs.getString(1));
            }
        }
        return tokens;
    }

    private String owner(String token) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement(
                     "SELECT u.email FROM push_tokens p JOIN users u ON u.id = p.user_id WHERE p.token = ?")) {
            ps.setString(1, token);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
