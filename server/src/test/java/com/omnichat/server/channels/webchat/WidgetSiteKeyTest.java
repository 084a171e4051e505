package com.omnichat.server.channels.webchat;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.tenants.TenantService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a site key opens (PROTOCOL.md §C.6): its own tenant's origins only, and nothing once the tenant is disabled. */
class WidgetSiteKeyTest {
    private static final String SHOP = "https://shop.example";
    private static final String STRANGER = "https://stranger.example";

    private TestServer server;
    private Api api;
    private String siteKeyA;
    private TenantService.Created tenantB;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        siteKeyA = server.server().bootstrap().orElseThrow().siteKey();
        tenantB = server.server().tenants().create("Other", "other@example.com", "Other Admin",
                Optional.of("other-password-1"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Api.Reply session(String siteKey, String origin) {
        return api.raw("POST", "/api/v1/widget/sessions", null, "application/json",
                Api.json(Map.of("site_key", siteKey)), Map.of("Origin", origin));
    }

    @Test
    void anotherTenantsWildcardDoesNotLetAStrangerOpenSessionsForThisSiteKey() throws SQLException {
        assertThat(api.patch("/api/v1/settings", api.loginAdmin(),
                Map.of("widget", Map.of("allowed_origins", List.of(SHOP)))).status()).isEqualTo(200);
        assertThat(api.patch("/api/v1/settings", api.login("other@example.com", "other-password-1"),
                Map.of("widget", Map.of("allowed_origins", List.of("*")))).status()).isEqualTo(200);

        Api.Reply stranger = session(siteKeyA, STRANGER);

        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.body().at("/error/code").asText()).isEqualTo("origin_not_allowed");
        assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
        assertThat(visitorsOf(1)).as("nothing was created").isZero();

        Api.Reply listed = session(siteKeyA, SHOP);
        assertThat(listed.status()).isEqualTo(201);
        assertThat(listed.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(session(tenantB.siteKey(), STRANGER).status()).as("B's wildcard opens B's own key").isEqualTo(201);
        assertThat(visitorsOf(1)).isEqualTo(1);
    }

    @Test
    void aDisabledTenantsSiteKeyIsForbiddenWhereAnUnknownOneIsNotFound() {
        String visitorB = api.newVisitor(tenantB.siteKey());
        server.server().tenants().update(tenantB.tenantId(), Optional.empty(), Optional.of(true));

        Api.Reply config = api.get("/api/v1/widget/config?site_key=" + tenantB.siteKey(), null);
        Api.Reply session = api.post("/api/v1/widget/sessions", null, Map.of("site_key", tenantB.siteKey()));
        Api.Reply message = api.post("/api/v1/widget/messages", visitorB, Map.of("client_id", "c-1", "text", "hi"));
        Api.Reply legacy = api.post("/webchat?site_key=" + tenantB.siteKey(), null,
                Map.of("user_id", "visitor-1", "text", "hi"));

        assertThat(List.of(config.status(), session.status(), message.status(), legacy.status()))
                .containsOnly(403);
        assertThat(config.body().at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(session.body().at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(message.body().at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(legacy.body().get("detail").asText()).isEqualTo("Unknown site");
        Api.Reply unknown = api.get("/api/v1/widget/config?site_key=wk_unknownunknownunknown00", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().at("/error/code").asText()).isEqualTo("not_found");
    }

    private long visitorsOf(long tenantId) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM visitors WHERE tenant_id = " + tenantId)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
