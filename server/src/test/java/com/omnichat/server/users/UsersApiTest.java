package com.omnichat.server.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.tenants.TenantService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UsersApiTest {
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";

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
    void createsListsUpdatesAndResetsPasswords() {
        Api.Reply created = api.post("/api/v1/users", admin,
                Map.of("email", " Jane.Doe@Example.com ", "name", "Jane Doe", "role", "staff"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode user = created.body();
        String id = user.get("id").asText();
        assertThat(id).matches("\\d+");
        assertThat(user.get("email").asText()).isEqualTo("jane.doe@example.com");
        assertThat(user.get("name").asText()).isEqualTo("Jane Doe");
        assertThat(user.get("role").asText()).isEqualTo("staff");
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.get("online").asBoolean()).isFalse();
        assertThat(user.get("created_at").asText()).matches(TIMESTAMP);
        assertThat(user.get("last_login_at").isNull()).isTrue();
        String initial = user.get("initial_password").asText();
        assertThat(initial).hasSizeGreaterThanOrEqualTo(10);

        String janeToken = api.login("jane.doe@example.com", initial);
        JsonNode fetched = api.get("/api/v1/users/" + id, admin).body();
        assertThat(fetched.get("last_login_at").asText()).matches(TIMESTAMP);
        assertThat(fetched.has("initial_password")).isFalse();

        JsonNode list = api.get("/api/v1/users", admin).body();
        assertThat(list.get("next_cursor").isNull()).isTrue();
        assertThat(emails(list)).contains("admin@dwc.com", "jane.doe@example.com");

        Api.Reply patched = api.patch("/api/v1/users/" + id, admin, Map.of("name", "Jane Q. Doe", "role", "admin"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().get("name").asText()).isEqualTo("Jane Q. Doe");
        assertThat(patched.body().get("role").asText()).isEqualTo("admin");

        Api.Reply reset = api.post("/api/v1/users/" + id + "/password", admin, Map.of());
        assertThat(reset.status()).isEqualTo(200);
        String generated = reset.body().get("initial_password").asText();
        assertThat(api.get("/api/v1/auth/me", janeToken).status()).isEqualTo(401);
        assertThat(api.form("/api/v1/auth/login", Map.of("username", "jane.doe@example.com", "password", initial))
                .status()).isEqualTo(401);
        api.login("jane.doe@example.com", generated);

        Api.Reply chosen = api.post("/api/v1/users/" + id + "/password", admin, Map.of("password", "chosen-by-admin"));
        assertThat(chosen.status()).isEqualTo(204);
        api.login("jane.doe@example.com", "chosen-by-admin");

        assertThat(auditTypes(id)).contains("user.created", "user.updated", "user.password_reset");
    }

    @Test
    void staffCannotManageUsers() {
        createUser("plain.staff@example.com", "staff", "staff-password-1");
        String staff = api.login("plain.staff@example.com", "staff-password-1");

        Api.Reply list = api.get("/api/v1/users", staff);
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.body().at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(api.post("/api/v1/users", staff, Map.of("email", "x@example.com", "name", "X", "role", "staff"))
                .status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users/1", staff).status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/users/1", staff, Map.of("active", false)).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/users/1/password", staff, Map.of()).status()).isEqualTo(403);
    }

    @Test
    void anotherTenantsUserIsNotFound() {
        TenantService.Created other = server.server().tenants()
                .create("Other Org", "boss@other.example", "Boss", Optional.of("boss-password-1"));
        String path = "/api/v1/users/" + other.adminId();

        Api.Reply get = api.get(path, admin);
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.body().at("/error/code").asText()).isEqualTo("not_found");
        assertThat(api.patch(path, admin, Map.of("active", false)).status()).isEqualTo(404);
        assertThat(api.post(path + "/password", admin, Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/users/not-a-number", admin).status()).isEqualTo(404);
        assertThat(emails(api.get("/api/v1/users", admin).body())).doesNotContain("boss@other.example");

        String boss = api.login("boss@other.example", "boss-password-1");
        assertThat(emails(api.get("/api/v1/users", boss).body())).containsExactly("boss@other.example");
    }

    @Test
    void deactivationStopsExistingTokensAtOnce() {
        String id = createUser("leaver@example.com", "staff", "leaver-password");
        String token = api.login("leaver@example.com", "leaver-password");
        assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(200);

        Api.Reply deactivated = api.patch("/api/v1/users/" + id, admin, Map.of("active", false));
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.body().get("active").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/conversations", token).status()).isEqualTo(401);
        assertThat(api.form("/api/v1/auth/login", Map.of("username", "leaver@example.com", "password", "leaver-password"))
                .status()).isEqualTo(401);

        assertThat(api.patch("/api/v1/users/" + id, admin, Map.of("active", true)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/me", token).status()).as("reactivation does not revive old tokens")
                .isEqualTo(401);
        api.login("leaver@example.com", "leaver-password");
        assertThat(auditTypes(id)).contains("user.deactivated");
    }

    @Test
    void lastActiveAdminCannotBeDemotedOrDeactivated() {
        TenantService.Created tenant = server.server().tenants()
                .create("Solo Org", "solo@solo.example", "Solo", Optional.of("solo-password-1"));
        String solo = api.login("solo@solo.example", "solo-password-1");
        String self = "/api/v1/users/" + tenant.adminId();

        Api.Reply demote = api.patch(self, solo, Map.of("role", "staff"));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.body().at("/error/code").asText()).isEqualTo("last_admin");
        Api.Reply deactivate = api.patch(self, solo, Map.of("active", false));
        assertThat(deactivate.status()).isEqualTo(409);
        assertThat(deactivate.body().at("/error/code").asText()).isEqualTo("last_admin");

        Api.Reply second = api.post("/api/v1/users", solo,
                Map.of("email", "second@solo.example", "name", "Second", "role", "admin", "password", "second-password"));
        assertThat(second.status()).isEqualTo(201);
        assertThat(api.patch(self, solo, Map.of("role", "staff")).body().get("role").asText()).isEqualTo("staff");
        Api.Reply lastOne = api.patch("/api/v1/users/" + second.body().get("id").asText(),
                api.login("second@solo.example", "second-password"), Map.of("active", false));
        assertThat(lastOne.status()).isEqualTo(409);
    }

    @Test
    void duplicateEmailsConflictAcrossTenants() {
        createUser("twice@example.com", "staff", "twice-password");
        Api.Reply again = api.post("/api/v1/users", admin,
                Map.of("email", "TWICE@example.com", "name", "Again", "role", "staff"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().at("/error/code").asText()).isEqualTo("conflict");

        server.server().tenants().create("Elsewhere", "taken@elsewhere.example", null, Optional.of("taken-password"));
        assertThat(api.post("/api/v1/users", admin,
                Map.of("email", "taken@elsewhere.example", "name", "Taken", "role", "staff")).status()).isEqualTo(409);
    }

    @Test
    void invalidInputIsRefusedByField() {
        Api.Reply bad = api.post("/api/v1/users", admin,
                Map.of("email", "not-an-email", "name", " ", "role", "owner", "password", "short"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body().at("/error/code").asText()).isEqualTo("validation_failed");
        assertThat(bad.body().at("/error/details/fields").fieldNames()).toIterable()
                .contains("name");
        Api.Reply semantic = api.post("/api/v1/users", admin,
                Map.of("email", "not-an-email", "name", "Name", "role", "owner", "password", "short"));
        assertThat(semantic.status()).isEqualTo(422);
        assertThat(semantic.body().at("/error/details/fields").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("email", "role", "password");
        assertThat(api.post("/api/v1/users", admin, Map.of("name", "No Email", "role", "staff")).body()
                .at("/error/details/fields/email").asText()).isNotEmpty();
        assertThat(api.patch("/api/v1/users/1", admin, Map.of("active", "no")).status()).isEqualTo(422);
        assertThat(api.patch("/api/v1/users/1", admin, Map.of("role", "root")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/users/1/password", admin, Map.of("password", "short")).status()).isEqualTo(422);
    }

    @Test
    void usersChangeTheirOwnNameAndPassword() {
        String id = createUser("self@example.com", "staff", "self-password-1");
        String current = api.login("self@example.com", "self-password-1");
        String otherDevice = api.login("self@example.com", "self-password-1");

        Api.Reply renamed = api.patch("/api/v1/me", current, Map.of("name", "Self Made"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().get("id").asText()).isEqualTo(id);
        assertThat(renamed.body().get("name").asText()).isEqualTo("Self Made");

        Api.Reply wrong = api.post("/api/v1/me/password", current,
                Map.of("current_password", "not-my-password", "new_password", "next-password-1"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body().at("/error/details/fields/current_password").asText()).isNotEmpty();
        Api.Reply tooShort = api.post("/api/v1/me/password", current,
                Map.of("current_password", "self-password-1", "new_password", "short"));
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.body().at("/error/details/fields/new_password").asText()).isNotEmpty();

        Api.Reply changed = api.post("/api/v1/me/password", current,
                Map.of("current_password", "self-password-1", "new_password", "next-password-1"));
        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/auth/me", current).status()).as("the token that changed it").isEqualTo(200);
        assertThat(api.get("/api/v1/auth/me", otherDevice).status()).as("every other token").isEqualTo(401);
        api.login("self@example.com", "next-password-1");

        api.post("/api/v1/auth/logout?everywhere=true", current, null);
        assertThat(api.get("/api/v1/auth/me", current).status()).as("sign-out everywhere includes it").isEqualTo(401);
    }

    private static String createUser(String email, String role, String password) {
        Api.Reply reply = api.post("/api/v1/users", admin,
                Map.of("email", email, "name", "Test " + role, "role", role, "password", password));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().has("initial_password")).isFalse();
        return reply.body().get("id").asText();
    }

    private static List<String> emails(JsonNode list) {
        List<String> emails = new ArrayList<>();
        list.get("data").forEach(user -> emails.add(user.get("email").asText()));
        return emails;
    }

    private static List<String> auditTypes(String userId) {
        return server.server().services().db().read(c -> {
            List<String> types = new ArrayList<>();
            try (var ps = c.prepareStatement(
                    "SELECT type FROM audit_events WHERE target_kind = 'user' AND target_id = ? ORDER BY id")) {
                ps.setString(1, userId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        types.add(rs.getString(1));
                    }
                }
            }
            return types;
        });
    }
}
