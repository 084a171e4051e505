package com.omnichat.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.config.ConfigException;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every route that sets a password refuses what bcrypt would silently truncate, what is blank, and the most common
 * passwords (PROTOCOL.md §B.3), with a 422 naming the field, and changes nothing.
 */
class PasswordRulesTest {
    private static final String OPERATOR = "operator-token-that-is-at-least-32-bytes-long";
    /** Refused passwords, each with what the field error must mention. */
    private static final Map<String, String> REFUSED = new LinkedHashMap<>();

    static {
        REFUSED.put("k7".repeat(36) + "z", "72 bytes");
        REFUSED.put("\u00e9".repeat(36) + "!", "72 bytes");
        REFUSED.put("\uD83D\uDD11".repeat(18) + "a", "72 bytes");
        REFUSED.put(" ".repeat(12), "blank");
        REFUSED.put("\u3000".repeat(6) + "\u200B".repeat(6), "blank");
        REFUSED.put("Password123", "common");
        REFUSED.put(" QWERTYUIOP ", "common");
    }

    private static TestServer server;
    private static Api api;
    private static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OMNICHAT_PLATFORM_TOKEN", OPERATOR));
        api = server.api();
        admin = api.loginAdmin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void creatingAUserRefusesEachWeakPasswordAndCreatesNobody() {
        assertThat(bytes("\u00e9".repeat(36) + "!")).as("37 characters, 73 bytes").isEqualTo(73);
        assertThat(bytes("\uD83D\uDD11".repeat(18) + "a")).as("19 characters, 73 bytes").isEqualTo(73);
        int before = api.get("/api/v1/users", admin).body().get("data").size();
        int i = 0;
        for (Map.Entry<String, String> weak : REFUSED.entrySet()) {
            Api.Reply reply = api.post("/api/v1/users", admin, Map.of("email", "weak" + (i++) + "@example.com",
                    "name", "Weak", "role", "staff", "password", weak.getKey()));
            assertRefused(reply, "password", weak.getValue());
        }
        assertThat(api.get("/api/v1/users", admin).body().get("data").size()).isEqualTo(before);

        String multibyte72 = "\u00e9".repeat(36);
        assertThat(api.post("/api/v1/users", admin, Map.of("email", "accented@example.com", "name", "Accented",
                "role", "staff", "password", multibyte72)).status()).as("exactly 72 bytes is allowed").isEqualTo(201);
        api.login("accented@example.com", multibyte72);
    }

    @Test
    void anAdminResetRefusesEachWeakPasswordAndKeepsTheOldOne() {
        String id = api.post("/api/v1/users", admin, Map.of("email", "reset@example.com", "name", "Reset",
                "role", "staff", "password", "reset-password-1")).body().get("id").asText();
        for (Map.Entry<String, String> weak : REFUSED.entrySet()) {
            assertRefused(api.post("/api/v1/users/" + id + "/password", admin, Map.of("password", weak.getKey())),
                    "password", weak.getValue());
        }
        api.login("reset@example.com", "reset-password-1");
    }

    @Test
    void changingOnesOwnPasswordRefusesEachWeakPasswordAndKeepsTheOldOne() {
        api.post("/api/v1/users", admin, Map.of("email", "self@example.com", "name", "Self", "role", "staff",
                "password", "self-password-1"));
        String token = api.login("self@example.com", "self-password-1");
        for (Map.Entry<String, String> weak : REFUSED.entrySet()) {
            assertRefused(api.post("/api/v1/me/password", token, Map.of("current_password", "self-password-1",
                    "new_password", weak.getKey())), "new_password", weak.getValue());
        }
        assertThat(api.get("/api/v1/auth/me", token).status()).as("no token was revoked").isEqualTo(200);
        api.login("self@example.com", "self-password-1");
    }

    @Test
    void theOperatorCreatingATenantRefusesEachWeakAdminPassword() {
        int i = 0;
        for (Map.Entry<String, String> weak : REFUSED.entrySet()) {
            Api.Reply reply = api.post("/api/v1/platform/tenants", OPERATOR, Map.of("name", "Weak " + i,
                    "admin_email", "boss" + (i++) + "@weak.example", "admin_password", weak.getKey()));
            assertRefused(reply, "admin_password", weak.getValue());
        }
        JsonNode tenants = api.get("/api/v1/platform/tenants", OPERATOR).body().get("data");
        assertThat(tenants).hasSize(1);
    }

    @Test
    void aWeakFirstAdminPasswordFromTheEnvironmentStopsTheServerFromStarting() {
        // An all-space value is an unset variable like any other (a random password is generated), so the blank case
        // here is one a trim does not remove: zero-width spaces.
        for (String weak : List.of("Password123", "\u200B".repeat(12), "\u00e9".repeat(36) + "!")) {
            assertThatThrownBy(() -> TestServer.start(Map.of("OMNICHAT_ADMIN_PASSWORD", weak)).close())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("OMNICHAT_ADMIN_PASSWORD ")
                    .hasMessageNotContaining(weak);
        }
    }

    private static void assertRefused(Api.Reply reply, String field, String reason) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(422);
        assertThat(reply.body().at("/error/code").asText()).isEqualTo("validation_failed");
        assertThat(reply.body().at("/error/details/fields/" + field).asText()).contains(reason);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
