package com.omnichat.server.http;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRoutesTest {
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rootNamesTheServiceLikeThePreviousServer() {
        Api.Reply root = api.get("/", null);
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.body().get("name").asText()).isEqualTo("DWC Omnichat API");
        assertThat(root.body().get("admin_login").asText()).isEqualTo("/api/v1/auth/login");
    }

    @Test
    void healthReportsTheDatabaseAndNothingElse() {
        Api.Reply health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("running");
        assertThat(health.body().get("db").asText()).isEqualTo("ok");
        assertThat(health.body().get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(health.text()).doesNotContain(server.dataDir().toString());
        assertThat(health.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void unknownPathsAre404AndWrongMethodsAre405InBothErrorShapes() {
        Api.Reply legacy = api.get("/no/such/route", null);
        assertThat(legacy.status()).isEqualTo(404);
        assertThat(legacy.text()).isEqualTo("{\"detail\":\"Not Found\"}");
        Api.Reply v1 = api.get("/api/v1/no-such-route", null);
        assertThat(v1.status()).isEqualTo(404);
        assertThat(v1.body().at("/error/code").asText()).isEqualTo("not_found");
        Api.Reply wrongMethod = api.delete("/health", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.text()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
    }

    @Test
    void redirectsOfTheAdminEntryPoints() {
        Api.Reply admin = api.raw("GET", "/admin", null, null, null, Map.of());
        assertThat(admin.status()).isEqualTo(302);
        assertThat(admin.header("Location")).isEqualTo("/admin-app/");
        assertThat(api.raw("GET", "/login", null, null, null, Map.of()).header("Location")).isEqualTo("/admin-app/login");
    }

    @Test
    void loginErrorsCarryBothTheLegacyDetailAndTheV1ErrorObject() {
        Api.Reply reply = api.form("/api/v1/auth/login", Map.of("username", "nobody@example.com", "password", "wrong-password"));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().get("detail").asText()).isEqualTo("Invalid username or password");
        assertThat(reply.body().at("/error/code").asText()).isEqualTo("invalid_credentials");
    }
}
