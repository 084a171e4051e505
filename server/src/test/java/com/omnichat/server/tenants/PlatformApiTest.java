package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformApiTest {
    private static final String OPERATOR = "operator-token-that-is-at-least-32-bytes-long";
    private static final String TENANTS = "/api/v1/platform/tenants";

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OMNICHAT_PLATFORM_TOKEN", OPERATOR));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createsATenantWhoseAdminSeesOnlyItsOwnData() {
        Api.Reply created = api.post(TENANTS, OPERATOR, Map.of("name", "Acme", "admin_email", "Boss@Acme.example"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode tenant = created.body().get("tenant");
        assertThat(tenant.get("id").asText()).matches("\\d+");
        assertThat(tenant.get("name").asText()).isEqualTo("Acme");
        assertThat(tenant.get("site_key").asText()).matches("wk_[0-9A-Za-z]{24}");
        assertThat(created.body().at("/admin/id").asText()).matches("\\d+");
        assertThat(created.body().at("/admin/email").asText()).isEqualTo("boss@acme.example");
        String password = created.body().get("admin_password").asText();

        String boss = api.login("boss@acme.example", password);
        JsonNode users = api.get("/api/v1/users", boss).body().get("data");
        assertThat(users).hasSize(1);
        assertThat(users.get(0).get("email").asText()).isEqualTo("boss@acme.example");
        assertThat(users.get(0).get("role").asText()).isEqualTo("admin");
        assertThat(api.get("/api/v1/users/1", boss).status()).as("the default tenant's admin").isEqualTo(404);
        assertThat(api.get("/api/v1/auth/me", boss).body().get("tenant_id").asText()).isEqualTo(tenant.get("id").asText());

        JsonNode listed = find(api.get(TENANTS, OPERATOR).body(), tenant.get("id").asText());
        assertThat(listed.get("name").asText()).isEqualTo("Acme");
        assertThat(listed.get("disabled").asBoolean()).isFalse();
        assertThat(listed.get("users").asLong()).isEqualTo(1);
        assertThat(listed.get("conversations").asLong()).isZero();
        assertThat(listed.get("created_at").asText()).endsWith("Z");
        assertThat(find(api.get(TENANTS, OPERATOR).body(), "1").get("name").asText()).isEqualTo("Default Tenant");
    }

    @Test
    void aChosenAdminPasswordIsNotEchoed() {
        Api.Reply created = api.post(TENANTS, OPERATOR, Map.of("name", "Chosen", "admin_email", "chosen@chosen.example",
                "admin_name", "Chosen Admin", "admin_password", "chosen-password-1"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().has("admin_password")).isFalse();
        String token = api.login("chosen@chosen.example", "chosen-password-1");
        assertThat(api.get("/api/v1/auth/me", token).body().get("name").asText()).isEqualTo("Chosen Admin");
    }

    @Test
    void onlyThePlatformTokenOpensThePlatformApi() {
        String staffAdmin = api.loginAdmin();
        for (String credential : new String[] {staffAdmin, OPERATOR + "x", "Basic " + OPERATOR}) {
            assertThat(api.get(TENANTS, credential).status()).isEqualTo(401);
            assertThat(api.post(TENANTS, credential, Map.of("name", "X", "admin_email", "x@x.example")).status())
                    .isEqualTo(401);
            assertThat(api.patch(TENANTS + "/1", credential, Map.of("disabled", true)).status()).isEqualTo(401);
        }
        Api.Reply anonymous = api.get(TENANTS, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().at("/error/code").asText()).isEqualTo("unauthenticated");
        assertThat(api.get("/api/v1/users", OPERATOR).status()).as("nor does it open staff routes").isEqualTo(401);
    }

    @Test
    void refusesBadInputDuplicatesAndUnknownTenants() {
        Api.Reply missing = api.post(TENANTS, OPERATOR, Map.of("admin_email", "nameless@example.com"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().at("/error/details/fields/name").asText()).isNotEmpty();
        Api.Reply bad = api.post(TENANTS, OPERATOR,
                Map.of("name", "Bad", "admin_email", "not an email", "admin_password", "short"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body().at("/error/details/fields").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("admin_email", "admin_password");
        assertThat(api.post(TENANTS, OPERATOR, "{not json").status()).isEqualTo(400);

        Api.Reply duplicate = api.post(TENANTS, OPERATOR, Map.of("name", "Copy", "admin_email", TestServer.ADMIN_EMAIL));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().at("/error/code").asText()).isEqualTo("conflict");

        assertThat(api.patch(TENANTS + "/1", OPERATOR, Map.of("disabled", "yes")).status()).isEqualTo(422);
        assertThat(api.patch(TENANTS + "/1", OPERATOR, Map.of("name", "")).status()).isEqualTo(422);
        Api.Reply unknown = api.patch(TENANTS + "/9999", OPERATOR, Map.of("disabled", true));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().at("/error/code").asText()).isEqualTo("not_found");
        assertThat(api.patch(TENANTS + "/abc", OPERATOR, Map.of("disabled", true)).status()).isEqualTo(404);
    }

    @Test
    void aDisabledTenantsUsersCannotSignIn() {
        Api.Reply created = api.post(TENANTS, OPERATOR, Map.of("name", "Paused", "admin_email", "boss@paused.example",
                "admin_password", "paused-password"));
        String id = created.body().at("/tenant/id").asText();
        String token = api.login("boss@paused.example", "paused-password");

        Api.Reply disabled = api.patch(TENANTS + "/" + id, OPERATOR, Map.of("disabled", true, "name", "Paused Inc"));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body().get("id").asText()).isEqualTo(id);
        assertThat(disabled.body().get("name").asText()).isEqualTo("Paused Inc");
        assertThat(disabled.body().get("disabled").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(401);
        Api.Reply login = api.form("/api/v1/auth/login", Map.of("username", "boss@paused.example",
                "password", "paused-password"));
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.body().get("detail").asText()).isEqualTo("Invalid username or password");

        api.patch(TENANTS + "/" + id, OPERATOR, Map.of("disabled", false));
        api.login("boss@paused.example", "paused-password");
        assertThat(auditCount(id)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void withoutAPlatformTokenThePlatformApiDoesNotExist() {
        try (TestServer plain = TestServer.start()) {
            Api.Reply reply = plain.api().get(TENANTS, OPERATOR);
            assertThat(reply.status()).isEqualTo(404);
            assertThat(plain.api().post(TENANTS, OPERATOR, Map.of("name", "X", "admin_email", "x@x.example")).status())
                    .isEqualTo(404);
            assertThat(plain.api().patch(TENANTS + "/1", OPERATOR, Map.of("disabled", true)).status()).isEqualTo(404);
            assertThat(reply.body().at("/error/code").asText()).isEqualTo("not_found");
        }
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode tenant : list.get("data")) {
            if (tenant.get("id").asText().equals(id)) {
                return tenant;
            }
        }
        throw new AssertionError("tenant " + id + " not listed");
    }

    private static long auditCount(String tenantId) {
        return server.server().services().db().read(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM audit_events WHERE tenant_id = ? AND type LIKE 'tenant.%'")) {
                ps.setLong(1, Long.parseLong(tenantId));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
