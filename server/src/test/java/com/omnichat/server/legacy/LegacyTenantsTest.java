package com.omnichat.server.legacy;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tenant a legacy visitor belongs to: site key, else the tenant listing the Origin, else the default. */
class LegacyTenantsTest {
    private static final String SHOP = "https://shop.example";
    private static final String BODY = "{\"user_id\":\"visitor-t\",\"text\":\"hello\"}";

    private TestServer server;
    private Api api;
    private String secondSiteKey;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        secondSiteKey = server.server().tenants()
                .create("Shop", "shop@example.com", "Shop Admin", Optional.of("shop-password-1")).siteKey();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Tenant settings have no API on this branch yet; the test writes them where the server reads them. */
    private void settings(long tenantId, String json) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement("UPDATE tenants SET settings = ? WHERE id = ?")) {
            c.createStatement().execute("PRAGMA busy_timeout = 10000");
            ps.setString(1, json);
            ps.setLong(2, tenantId);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private Api.Reply post(String path, Map<String, String> headers) {
        return api.raw("POST", path, null, "application/json", BODY, headers);
    }

    private boolean conversationVisibleTo(String email, String password) {
        String token = api.login(email, password);
        return !api.get("/admin/api/messages/visitor-t/webchat", token).body().get("conversation").isNull();
    }

    @Test
    void anOriginListedByOneTenantBelongsToThatTenant() throws SQLException {
        settings(2, "{\"widget\":{\"allowed_origins\":[\"" + SHOP + "\"]}}");

        Api.Reply reply = post("/webchat", Map.of("Origin", SHOP));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(conversationVisibleTo("shop@example.com", "shop-password-1")).isTrue();
        assertThat(conversationVisibleTo(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)).isFalse();
    }

    @Test
    void aSiteKeyWinsAndThenItsTenantMustListTheOrigin() throws SQLException {
        settings(2, "{\"widget\":{\"allowed_origins\":[\"" + SHOP + "\"]}}");
        String defaultSiteKey = server.server().bootstrap().orElseThrow().siteKey();

        Api.Reply reply = post("/webchat?site_key=" + defaultSiteKey, Map.of("Origin", SHOP));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().get("detail").asText()).isEqualTo("Origin not allowed");
        try (TestSocket socket = TestSocket.open(server.wsUrl("/ws/visitor-t?site_key=" + defaultSiteKey),
                Map.of("Origin", SHOP))) {
            assertThat(socket.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void aTenantThatTurnedLegacyWidgetsOffIsAnUnknownSite() throws SQLException {
        settings(2, "{\"widget\":{\"legacy_widget_enabled\":false}}");

        Api.Reply reply = post("/webchat", Map.of("X-Site-Key", secondSiteKey));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().get("detail").asText()).isEqualTo("Unknown site");
        try (TestSocket socket = TestSocket.open(server.wsUrl("/ws/visitor-t?site_key=" + secondSiteKey))) {
            assertThat(socket.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void withoutADefaultTenantAnAnonymousVisitorIsAnUnknownSite() {
        try (TestServer noDefault = TestServer.start(Map.of("OMNICHAT_DEFAULT_TENANT_ID", "0"))) {
            Api.Reply reply = noDefault.api().raw("POST", "/webchat", null, "application/json", BODY, Map.of());

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.body().get("detail").asText()).isEqualTo("Unknown site");
        }
    }
}
