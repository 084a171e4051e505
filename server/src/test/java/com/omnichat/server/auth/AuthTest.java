package com.omnichat.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuthTest {
    private static TestServer server;
    private static Api api;
    private static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        admin = api.loginAdmin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void signsInWithAFormOrJson() {
        Api.Reply form = api.form("/api/v1/auth/login", Map.of("username", " ADMIN@dwc.com ",
                "password", TestServer.ADMIN_PASSWORD, "grant_type", "password"));
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body().get("token_type").asText()).isEqualTo("bearer");
        assertThat(form.body().get("expires_in").asLong()).isEqualTo(259200);
        assertThat(form.body().get("access_token").asText()).contains(".");

        Api.Reply byUsername = api.post("/api/v1/auth/login", null,
                Map.of("username", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD));
        assertThat(byUsername.status()).isEqualTo(200);
        Api.Reply byEmail = api.post("/api/v1/auth/login", null,
                Map.of("email", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD));
        assertThat(byEmail.status()).isEqualTo(200);

        assertThat(api.form("/api/v1/auth/login", Map.of("username", TestServer.ADMIN_EMAIL)).status()).isEqualTo(422);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        Api.Reply wrong = api.form("/api/v1/auth/login",
                Map.of("username", TestServer.ADMIN_EMAIL, "password", "not-the-password"));
        Api.Reply unknown = api.form("/api/v1/auth/login",
                Map.of("username", "nobody@example.com", "password", "not-the-password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(wrong.body().get("detail").asText()).isEqualTo("Invalid username or password");
        assertThat(wrong.body().at("/error/code").asText()).isEqualTo("invalid_credentials");
        assertThat(wrong.body().at("/error/message").asText()).isEqualTo("Invalid username or password");
        assertThat(wrong.body().at("/error/details").isObject()).isTrue();
    }

    @Test
    void hashesWrittenByOtherBcryptLibrariesVerify() {
        insertUser("python@example.com", "$2b$" + BCrypt.hashpw("python-password", BCrypt.gensalt(4)).substring(4));
        insertUser("php@example.com", "$2y$" + BCrypt.hashpw("php-password-1", BCrypt.gensalt(4)).substring(4));

        api.login("python@example.com", "python-password");
        api.login("php@example.com", "php-password-1");
    }

    @Test
    void theSixthFailedAttemptForAnEmailIsRateLimitedEvenWithTheRightPassword() {
        insertUser("guessed@example.com", BCrypt.hashpw("guessed-password", BCrypt.gensalt(4)));
        for (int i = 0; i < 5; i++) {
            assertThat(api.form("/api/v1/auth/login", Map.of("username", "guessed@example.com", "password", "guess-" + i))
                    .status()).isEqualTo(401);
        }
        Api.Reply limited = api.form("/api/v1/auth/login",
                Map.of("username", "guessed@example.com", "password", "guessed-password"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().at("/error/code").asText()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
    }

    @Test
    void refreshIssuesAnotherWorkingToken() {
        Api.Reply refreshed = api.post("/api/v1/auth/refresh", admin, Map.of());
        assertThat(refreshed.status()).isEqualTo(200);
        String newToken = refreshed.body().get("access_token").asText();
        assertThat(newToken).isNotEqualTo(admin);
        assertThat(api.get("/api/v1/auth/me", newToken).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/me", admin).status()).isEqualTo(200);
    }

    @Test
    void logoutRevokesOnlyThatToken() {
        String leaving = api.loginAdmin();
        String staying = api.loginAdmin();
        assertThat(api.post("/api/v1/auth/logout", leaving, Map.of()).status()).isEqualTo(204);
        Api.Reply after = api.get("/api/v1/auth/me", leaving);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.body().get("detail").asText()).isEqualTo("Invalid token");
        assertThat(api.get("/api/v1/auth/me", staying).status()).isEqualTo(200);
    }

    @Test
    void meReadsTheCurrentValuesNotTheTokenClaims() {
        Api.Reply created = api.post("/api/v1/users", admin,
                Map.of("email", "promoted@example.com", "name", "Before", "role", "staff", "password", "promoted-pass"));
        String id = created.body().get("id").asText();
        String token = api.login("promoted@example.com", "promoted-pass");

        api.patch("/api/v1/users/" + id, admin, Map.of("name", "After", "role", "admin"));
        JsonNode me = api.get("/api/v1/auth/me", token).body();
        assertThat(me.get("id").asLong()).isEqualTo(Long.parseLong(id));
        assertThat(me.get("tenant_id").asLong()).isEqualTo(1);
        assertThat(me.get("email").asText()).isEqualTo("promoted@example.com");
        assertThat(me.get("name").asText()).isEqualTo("After");
        assertThat(me.get("role").asText()).isEqualTo("admin");
        assertThat(api.get("/api/v1/users", token).status()).as("the stored role applies at once").isEqualTo(200);
    }

    private static void insertUser(String email, String hash) {
        server.server().services().db().writer().execute(tx -> {
            try (var ps = tx.connection().prepareStatement("INSERT INTO users(tenant_id, email, name, password_hash, "
                    + "role, created_at) VALUES (1, ?, 'Imported', ?, 'staff', 0)")) {
                ps.setString(1, email);
                ps.setString(2, hash);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
