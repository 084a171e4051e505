package com.omnichat.server.http;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CorsTest {
    private TestServer server;
    private Api api;
    private String siteKey;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("OMNICHAT_WIDGET_ORIGINS", "https://shop.example",
                "OMNICHAT_ADMIN_ORIGINS", "https://desk.example"));
        api = server.api();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Api.Reply widgetSession(String origin) {
        return api.raw("POST", "/api/v1/widget/sessions", null, "application/json",
                Api.json(Map.of("site_key", siteKey)), Map.of("Origin", origin));
    }

    @Test
    void aListedWidgetOriginIsEchoedWithoutCredentials() {
        Api.Reply reply = widgetSession("https://shop.example");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
        assertThat(reply.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(reply.header("Vary")).contains("Origin");
    }

    @Test
    void anUnlistedOriginIsRefusedBeforeAnythingIsWritten() {
        Api.Reply reply = widgetSession("https://evil.example");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().at("/error/code").asText()).isEqualTo("origin_not_allowed");
        assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void preflightOfAVisitorRouteAnswers204WithTheAllowedMethodsAndHeaders() {
        Api.Reply reply = api.raw("OPTIONS", "/api/v1/widget/sessions", null, null, null,
                Map.of("Origin", "https://shop.example", "Access-Control-Request-Method", "POST"));
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, OPTIONS");
        assertThat(reply.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type, Authorization, X-Site-Key");
        assertThat(reply.header("Access-Control-Max-Age")).isEqualTo("600");
    }

    @Test
    void staffRoutesAllowOnlyTheConfiguredAdminOriginsAndNeverAWildcard() {
        String token = api.loginAdmin();
        Api.Reply listed = api.raw("GET", "/api/v1/conversations", token, null, null, Map.of("Origin", "https://desk.example"));
        assertThat(listed.header("Access-Control-Allow-Origin")).isEqualTo("https://desk.example");
        Api.Reply other = api.raw("GET", "/api/v1/conversations", token, null, null, Map.of("Origin", "https://shop.example"));
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        assertThat(listed.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(listed.header("Cache-Control")).isEqualTo("no-store");
    }
}
