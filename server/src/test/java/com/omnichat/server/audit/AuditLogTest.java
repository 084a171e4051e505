package com.omnichat.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestClock;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every audited action of PROTOCOL.md §C.5 that this server performs is listed, with who, what, when and where. */
class AuditLogTest {
    private TestServer server;
    private Api api;
    private String admin;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        admin = api.loginAdmin();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyAuditedActionIsListedWithActorTargetAndIp() {
        api.form("/api/v1/auth/login", Map.of("username", TestServer.ADMIN_EMAIL, "password", "wrong-password"));
        JsonNode created = api.post("/api/v1/users", admin, Map.of("email", "sam@example.com", "name", "Sam",
                "role", "staff", "password", "staff-password-1")).body();
        String samId = created.get("id").asText();
        api.patch("/api/v1/users/" + samId, admin, Map.of("name", "Samuel"));
        api.post("/api/v1/users/" + samId + "/password", admin, Map.of());
        api.patch("/api/v1/users/" + samId, admin, Map.of("active", false));
        api.post("/webchat", null, Map.of("user_id", "visitor-1", "text", "hello"));
        String conversation = api.get("/api/v1/conversations", admin).body().at("/data/0/id").asText();
        String adminId = api.get("/api/v1/auth/me", admin).body().get("id").asText();
        api.patch("/api/v1/conversations/" + conversation, admin, Map.of("assignee_id", adminId));
        api.patch("/api/v1/conversations/" + conversation, admin, Map.of("status", "closed"));
        api.patch("/api/v1/conversations/" + conversation, admin, Map.of("status", "open"));
        api.post("/followup", null, Map.of("user_id", "visitor-2", "email", "ann@example.com"));
        String followup = api.get("/api/v1/followups", admin).body().at("/data/0/id").asText();
        api.post("/api/v1/followups/" + followup + "/archive", admin, Map.of());
        api.get("/api/v1/exports/followups", admin);
        api.post("/api/v1/history/purge", admin, Map.of("older_than_days", 30));
        String second = api.loginAdmin();
        api.post("/api/v1/auth/logout", second, Map.of());

        JsonNode page = api.get("/api/v1/audit-events?limit=200", admin).body();
        List<String> types = new ArrayList<>();
        page.get("data").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).contains("auth.login", "auth.login_failed", "auth.logout", "user.created", "user.updated",
                "user.password_reset", "user.deactivated", "conversation.assigned", "conversation.closed",
                "conversation.reopened", "followup.archived", "history.exported", "history.purged");
        assertThat(types.get(0)).as("newest first").isEqualTo("auth.logout");

        JsonNode archived = only(api.get("/api/v1/audit-events?type=followup.archived", admin).body());
        assertThat(archived.get("id").isTextual()).isTrue();
        assertThat(archived.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(archived.at("/actor/kind").asText()).isEqualTo("user");
        assertThat(archived.at("/actor/id").asText()).isEqualTo(adminId);
        assertThat(archived.at("/actor/name").asText()).isEqualTo("Default Admin");
        assertThat(archived.at("/target/kind").asText()).isEqualTo("followup");
        assertThat(archived.at("/target/id").asText()).isEqualTo(followup);
        assertThat(archived.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(archived.get("details").isObject()).isTrue();

        JsonNode failed = only(api.get("/api/v1/audit-events?type=auth.login_failed", admin).body());
        assertThat(failed.get("ip").asText()).isEqualTo("127.0.0.1");
        JsonNode purged = only(api.get("/api/v1/audit-events?type=history.purged", admin).body());
        assertThat(purged.at("/details/older_than_days").asInt()).isEqualTo(30);
        assertThat(purged.get("target").isNull()).isTrue();

        List<String> users = new ArrayList<>();
        api.get("/api/v1/audit-events?type=user.*", admin).body().get("data").forEach(e -> users.add(e.get("type").asText()));
        assertThat(users).containsOnly("user.created", "user.updated", "user.password_reset", "user.deactivated");
        api.get("/api/v1/audit-events?actor_id=" + adminId, admin).body().get("data")
                .forEach(e -> assertThat(e.at("/actor/id").asText()).isEqualTo(adminId));
        assertThat(api.get("/api/v1/audit-events?to=2000-01-01", admin).body().get("data")).isEmpty();
        assertThat(api.get("/api/v1/audit-events?from=2000-01-01", admin).body().get("data").size()).isEqualTo(Math.min(50, types.size()));
    }

    @Test
    void pagesWalkTheWholeLogOnceAndStaffGet403() {
        // Successful sign-ins, one row each: failed ones from one address within a minute share a row (§C.5 count).
        for (int i = 0; i < 5; i++) {
            api.loginAdmin();
        }
        List<String> all = new ArrayList<>();
        api.get("/api/v1/audit-events", admin).body().get("data").forEach(e -> all.add(e.get("id").asText()));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/audit-events?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin).body();
            page.get("data").forEach(e -> paged.add(e.get("id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        assertThat(paged).isEqualTo(all).hasSize(6);

        api.post("/api/v1/users", admin, Map.of("email", "sam@example.com", "name", "Sam", "role", "staff",
                "password", "staff-password-1"));
        Api.Reply staff = api.get("/api/v1/audit-events", api.login("sam@example.com", "staff-password-1"));
        assertThat(staff.status()).isEqualTo(403);
        assertThat(staff.body().at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/audit-events?type=DROP%20TABLE", admin).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/audit-events?actor_id=me", admin).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/audit-events?cursor=garbage", admin).status()).isEqualTo(422);
    }

    @Test
    void failedSignInsFromOneAddressWithinAMinuteShareARowThatCountsThem() {
        TestClock clock = TestClock.startingNow();
        try (TestServer clocked = TestServer.start(Map.of(), clock)) {
            Api clockedApi = clocked.api();
            for (int i = 0; i < 3; i++) {
                clockedApi.form("/api/v1/auth/login", Map.of("username", TestServer.ADMIN_EMAIL, "password", "wrong-" + i));
            }
            String token = clockedApi.loginAdmin();
            JsonNode merged = only(clockedApi.get("/api/v1/audit-events?type=auth.login_failed", token).body());
            assertThat(merged.get("count").asLong()).isEqualTo(3);
            assertThat(merged.get("ip").asText()).isEqualTo("127.0.0.1");

            clock.advance(Duration.ofMinutes(1));
            clockedApi.form("/api/v1/auth/login", Map.of("username", TestServer.ADMIN_EMAIL, "password", "wrong-3"));
            JsonNode rows = clockedApi.get("/api/v1/audit-events?type=auth.login_failed", token).body().get("data");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("count").asLong()).as("the next minute starts a row").isEqualTo(1);
            JsonNode login = clockedApi.get("/api/v1/audit-events?type=auth.login", token).body().at("/data/0");
            assertThat(login.get("count").asLong()).as("every entry carries a count").isEqualTo(1);
        }
    }

    private static JsonNode only(JsonNode page) {
        assertThat(page.get("data")).hasSize(1);
        return page.get("data").get(0);
    }
}
