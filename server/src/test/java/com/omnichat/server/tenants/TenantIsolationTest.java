package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staff member of tenant B gets nothing of tenant A on any staff route or staff socket. The table must name every
 * staff and admin route the server registers: adding a route without a case fails {@link #everyStaffRouteHasACase}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {
    private static final String SECRET_TEXT = "tenant-a-secret-text";
    private static final String LEGACY_VISITOR_A = "legacy-visitor-of-a";

    private TestServer server;
    private Api api;
    private String tokenA;
    private String tokenB;
    private String conversationA;
    private String visitorA;
    private String visitorAuthA;
    private String adminIdA;
    private String siteKeyB;
    private String followupA;
    private String archivedFollowupA;
    private static final String DEVICE_OF_A = "ExponentPushToken[device-of-tenant-a]";

    @BeforeAll
    void setUp() {
        server = TestServer.start();
        api = server.api();
        tokenA = api.loginAdmin();
        TenantService.Created b = server.server().tenants().create("Tenant B", "admin@b.example", "B Admin",
                Optional.of("b-admin-password"));
        siteKeyB = b.siteKey();
        tokenB = api.login("admin@b.example", "b-admin-password");
        String siteKeyA = server.server().bootstrap().orElseThrow().siteKey();
        JsonNode session = api.post("/api/v1/widget/sessions", null, Map.of("site_key", siteKeyA)).body();
        visitorA = session.get("visitor_id").asText();
        visitorAuthA = "Visitor " + visitorA + ":" + session.get("visitor_secret").asText();
        api.post("/api/v1/widget/messages", visitorAuthA, Map.of("client_id", "a1", "text", SECRET_TEXT));
        conversationA = api.get("/api/v1/conversations", tokenA).body().at("/data/0/id").asText();
        adminIdA = api.get("/api/v1/auth/me", tokenA).body().get("id").asText();
        assertThat(api.post("/webchat", null, Map.of("user_id", LEGACY_VISITOR_A, "text", SECRET_TEXT)).status()).isEqualTo(200);
        api.post("/followup", null, Map.of("user_id", "followup-visitor-of-a", "message", SECRET_TEXT));
        api.post("/followup", null, Map.of("user_id", "archived-visitor-of-a", "message", SECRET_TEXT + " archived"));
        JsonNode followups = api.get("/api/v1/followups", tokenA).body().get("data");
        followupA = followups.get(1).get("id").asText();
        archivedFollowupA = followups.get(0).get("id").asText();
        assertThat(api.post("/api/v1/followups/" + archivedFollowupA + "/archive", tokenA, Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/admin/api/push-token", tokenA, Map.of("push_token", DEVICE_OF_A)).status()).isEqualTo(200);
    }

    @AfterAll
    void tearDown() {
        server.close();
    }

    /** Each case calls one route as tenant B, aiming at tenant A's things where the route takes an id. */
    private Map<String, Function<String, Api.Reply>> cases() {
        Map<String, Function<String, Api.Reply>> cases = new LinkedHashMap<>();
        String c = "/api/v1/conversations/" + conversationA;
        cases.put("GET /api/v1/auth/me", t -> api.get("/api/v1/auth/me", t));
        cases.put("POST /api/v1/auth/refresh", t -> api.post("/api/v1/auth/refresh", t, Map.of()));
        cases.put("POST /api/v1/auth/logout", t -> null);
        cases.put("GET /api/v1/conversations", t -> api.get("/api/v1/conversations?q=" + SECRET_TEXT.substring(0, 8), t));
        cases.put("POST /api/v1/conversations", t -> api.post("/api/v1/conversations", t, Map.of("channel", "sms",
                "external_id", "+15557654321", "client_id", "b-start", "text", "from b")));
        cases.put("POST /api/v1/conversations/close", t -> api.post("/api/v1/conversations/close", t, Map.of("ids", List.of(conversationA))));
        cases.put("GET /api/v1/conversations/{id}", t -> api.get(c, t));
        cases.put("PATCH /api/v1/conversations/{id}", t -> api.patch(c, t, Map.of("status", "closed")));
        cases.put("GET /api/v1/conversations/{id}/messages", t -> api.get(c + "/messages", t));
        cases.put("POST /api/v1/conversations/{id}/messages", t -> api.post(c + "/messages", t, Map.of("client_id", "b1", "text", "from b")));
        cases.put("POST /api/v1/conversations/{id}/read", t -> api.post(c + "/read", t, Map.of("seq", 1)));
        cases.put("WS /api/v1/stream", t -> null);
        cases.put("WS /admin-ws", t -> null);

        cases.put("PATCH /api/v1/me", t -> api.patch("/api/v1/me", t, Map.of("name", "B Admin")));
        cases.put("POST /api/v1/me/password", t -> api.post("/api/v1/me/password", t,
                Map.of("current_password", "wrong-password", "new_password", "another-long-password")));
        String u = "/api/v1/users/" + adminIdA;
        cases.put("GET /api/v1/users", t -> api.get("/api/v1/users", t));
        cases.put("POST /api/v1/users", t -> api.post("/api/v1/users", t, Map.of("email", "new@b.example", "name", "New", "role", "staff")));
        cases.put("GET /api/v1/users/{id}", t -> api.get(u, t));
        cases.put("PATCH /api/v1/users/{id}", t -> api.patch(u, t, Map.of("active", false)));
        cases.put("POST /api/v1/users/{id}/password", t -> api.post(u + "/password", t, Map.of("password", "taken-over-password")));
        cases.put("GET /api/v1/analytics/summary", t -> api.get("/api/v1/analytics/summary", t));

        cases.put("GET /api/v1/settings", t -> api.get("/api/v1/settings", t));
        cases.put("PATCH /api/v1/settings", t -> api.patch("/api/v1/settings", t, Map.of("widget", Map.of("title", "B title"))));
        cases.put("POST /api/v1/settings/widget/rotate-site-key", t -> {
            Api.Reply rotated = api.post("/api/v1/settings/widget/rotate-site-key", t, Map.of());
            if (rotated.status() == 200) {
                siteKeyB = rotated.body().at("/widget/site_key").asText();
            }
            return rotated;
        });

        String v = LEGACY_VISITOR_A;
        cases.put("GET /admin/api/convos", t -> api.get("/admin/api/convos", t));
        cases.put("GET /admin/api/escalated", t -> api.get("/admin/api/escalated", t));
        cases.put("GET /admin/api/conversations", t -> api.get("/admin/api/conversations?status=open", t));
        cases.put("GET /admin/api/messages/{user_id}/{channel}", t -> api.get("/admin/api/messages/" + v + "/webchat", t));
        cases.put("POST /admin/api/send", t -> api.post("/admin/api/send", t, Map.of("user_id", v, "channel", "webchat", "text", "from B")));
        cases.put("POST /handoff/close", t -> api.post("/handoff/close", t, Map.of("user_id", v)));
        cases.put("POST /handoff/close-bulk", t -> api.post("/handoff/close-bulk", t, Map.of("conversations", List.of(Map.of("user_id", v)))));

        String f = followupA;
        cases.put("GET /admin/api/followups", t -> api.get("/admin/api/followups", t));
        cases.put("GET /admin/api/followups/unviewed-count", t -> api.get("/admin/api/followups/unviewed-count", t));
        cases.put("POST /admin/api/followups/{followup_id}/mark-viewed", t -> api.post("/admin/api/followups/" + f + "/mark-viewed", t, ""));
        cases.put("DELETE /admin/api/followups/{followup_id}", t -> api.delete("/admin/api/followups/" + f, t));
        cases.put("GET /api/v1/followups", t -> api.get("/api/v1/followups?archived=true", t));
        cases.put("POST /api/v1/followups/{id}/view", t -> api.post("/api/v1/followups/" + f + "/view", t, Map.of()));
        cases.put("POST /api/v1/followups/{id}/archive", t -> api.post("/api/v1/followups/" + f + "/archive", t, Map.of()));
        cases.put("GET /admin/api/history", t -> api.get("/admin/api/history", t));
        cases.put("GET /admin/api/history/export", t -> api.get("/admin/api/history/export", t));
        cases.put("POST /admin/api/history/export-and-delete", t -> api.post("/admin/api/history/export-and-delete", t, ""));
        cases.put("GET /api/v1/history", t -> api.get("/api/v1/history", t));
        cases.put("POST /api/v1/history/purge", t -> api.post("/api/v1/history/purge", t, Map.of("older_than_days", 1)));
        cases.put("GET /api/v1/exports/{kind}", t -> api.get("/api/v1/exports/followups?format=json", t));
        cases.put("GET /api/v1/audit-events", t -> api.get("/api/v1/audit-events?limit=200", t));
        cases.put("POST /admin/api/push-token", t -> api.post("/admin/api/push-token", t, Map.of("push_token", "ExponentPushToken[device-of-b]")));
        cases.put("POST /api/v1/me/push-tokens", t -> api.post("/api/v1/me/push-tokens", t, Map.of("token", "ExpoPushToken[device-of-b-2]")));
        cases.put("DELETE /api/v1/me/push-tokens/{token}", t -> api.delete("/api/v1/me/push-tokens/"
                + java.net.URLEncoder.encode(DEVICE_OF_A, java.nio.charset.StandardCharsets.UTF_8), t));
        return cases;
    }

    private static String key(RouteTable.Route route) {
        return route.method() + " " + route.path();
    }

    @Test
    void everyStaffRouteHasACase() {
        Set<String> staffRoutes = server.server().routes().stream()
                .filter(r -> r.access() == RouteTable.Access.STAFF || r.access() == RouteTable.Access.ADMIN)
                .map(TenantIsolationTest::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(cases().keySet()).as("isolation cases for every staff and admin route").containsAll(staffRoutes);
    }

    @Test
    void tenantBGetsNothingOfTenantAOnAnyStaffRoute() {
        int messagesBefore = api.get("/api/v1/conversations/" + conversationA, tokenA).body().get("message_count").asInt();
        int legacyMessagesBefore = api.get("/admin/api/messages/" + LEGACY_VISITOR_A + "/webchat", tokenA).body()
                .at("/conversation/message_count").asInt();
        for (Map.Entry<String, Function<String, Api.Reply>> entry : cases().entrySet()) {
            Api.Reply reply = entry.getValue().apply(tokenB);
            if (reply == null) {
                continue;
            }
            String body = reply.text() == null ? "" : reply.text();
            if (entry.getKey().equals("POST /api/v1/conversations/close")) {
                assertThat(reply.body().get("closed")).as("another tenant's id is reported as not found").isEmpty();
                continue;
            }
            if (entry.getKey().equals("POST /handoff/close-bulk")) {
                assertThat(reply.body().get("closed").asInt()).as("nothing of tenant A closed").isZero();
                continue;
            }
            if (reply.status() >= 200 && reply.status() < 300) {
                assertThat(body).as(entry.getKey()).doesNotContain(SECRET_TEXT).doesNotContain(conversationA)
                        .doesNotContain(visitorA).doesNotContain(LEGACY_VISITOR_A).doesNotContain(TestServer.ADMIN_EMAIL)
                        .doesNotContain(server.server().bootstrap().orElseThrow().siteKey());
            } else {
                assertThat(reply.status()).as(entry.getKey() + " " + body).isIn(403, 404, 422);
                assertThat(body).as(entry.getKey()).doesNotContain(SECRET_TEXT);
            }
        }
        assertThat(api.get("/admin/api/messages/" + LEGACY_VISITOR_A + "/webchat", tokenB).text())
                .isEqualTo("{\"messages\":[],\"conversation\":null}");
        JsonNode legacyA = api.get("/admin/api/messages/" + LEGACY_VISITOR_A + "/webchat", tokenA).body().get("conversation");
        assertThat(legacyA.get("open").asInt()).as("tenant B could not close the legacy conversation").isEqualTo(1);
        assertThat(legacyA.get("message_count").asInt()).as("tenant B could not reply in it").isEqualTo(legacyMessagesBefore);
        assertThat(api.get("/api/v1/auth/me", tokenA).status()).as("tenant B could not deactivate A's admin").isEqualTo(200);
        JsonNode settingsA = api.get("/api/v1/settings", tokenA).body();
        assertThat(settingsA.at("/widget/title").asText()).as("tenant B's settings change stayed in B").isEqualTo("Chat with Us");
        assertThat(settingsA.at("/widget/site_key").asText()).as("tenant B's rotation left A's key")
                .isEqualTo(server.server().bootstrap().orElseThrow().siteKey());
        assertThat(api.login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)).as("nor reset A's password").isNotBlank();
        JsonNode followupsOfA = api.get("/api/v1/followups", tokenA).body();
        assertThat(followupsOfA.get("unviewed_count").asInt()).as("tenant B could not mark A's followup viewed").isEqualTo(1);
        assertThat(followupsOfA.at("/data/0/id").asText()).as("nor archive it").isEqualTo(followupA);
        assertThat(api.get("/api/v1/followups?archived=true", tokenA).body().at("/data/0/id").asText())
                .as("nor delete A's history").isEqualTo(archivedFollowupA);
        assertThat(pushTokenOwnerTenant(DEVICE_OF_A)).as("tenant B could not remove A's device").isEqualTo(1L);
        JsonNode stillA = api.get("/api/v1/conversations/" + conversationA, tokenA).body();
        assertThat(stillA.get("status").asText()).as("tenant B could not close it").isEqualTo("open");
        assertThat(stillA.get("message_count").asInt()).as("tenant B could not write into it").isEqualTo(messagesBefore);
    }

    @Test
    void tenantBAnalyticsCountNothingOfTenantA() {
        JsonNode summaryA = api.get("/api/v1/analytics/summary", tokenA).body();
        assertThat(summaryA.at("/messages/user").asLong()).as("tenant A's own figures are there").isPositive();
        int conversationsOfB = api.get("/api/v1/conversations", tokenB).body().get("data").size();
        JsonNode summaryB = api.get("/api/v1/analytics/summary", tokenB).body();
        assertThat(summaryB.at("/conversations/started").asLong()).as("only B's own conversations")
                .isEqualTo(conversationsOfB);
        assertThat(summaryB.get("by_staff").findValuesAsText("id")).doesNotContain(adminIdA);
    }

    @Test
    void tenantBStaffStreamHearsNothingOfTenantA() {
        TestSocket streamB = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + tokenB));
        streamB.send(Map.of("type", "hello", "data", Map.of("since", 0)));
        List<JsonNode> beforeReady = new java.util.ArrayList<>();
        JsonNode frame;
        while (!(frame = streamB.next()).path("type").asText().equals("ready")) {
            beforeReady.add(frame);
        }
        assertThat(beforeReady.toString()).doesNotContain(SECRET_TEXT);

        api.post("/api/v1/widget/messages", visitorAuthA, Map.of("client_id", "a2", "text", SECRET_TEXT + " again"));
        JsonNode sessionB = api.post("/api/v1/widget/sessions", null, Map.of("site_key", siteKeyB)).body();
        String visitorAuthB = "Visitor " + sessionB.get("visitor_id").asText() + ":" + sessionB.get("visitor_secret").asText();
        api.post("/api/v1/widget/messages", visitorAuthB, Map.of("client_id", "marker", "text", "tenant b marker"));

        List<JsonNode> heard = new java.util.ArrayList<>();
        JsonNode next;
        do {
            next = streamB.next();
            heard.add(next);
        } while (!next.toString().contains("tenant b marker"));
        assertThat(heard.toString()).doesNotContain(SECRET_TEXT).doesNotContain(conversationA);
        streamB.close();
    }

    @Test
    void tenantBLegacyStaffSocketHearsNothingOfTenantA() {
        try (TestSocket socketB = TestSocket.open(server.wsUrl("/admin-ws?token=" + tokenB));
             TestSocket socketA = TestSocket.open(server.wsUrl("/admin-ws?token=" + tokenA))) {
            socketA.nextOfType("snapshot");
            assertThat(api.post("/webchat", null, Map.of("user_id", LEGACY_VISITOR_A, "text", SECRET_TEXT + " live")).status())
                    .isEqualTo(200);
            socketA.nextMatching(f -> f.path("text").asText().equals(SECRET_TEXT + " live"));
            String marker = "for B " + System.nanoTime();
            api.raw("POST", "/webchat", null, "application/json",
                    "{\"user_id\":\"visitor-of-b\",\"text\":\"" + marker + "\"}", Map.of("X-Site-Key", siteKeyB));
            List<JsonNode> heard = new java.util.ArrayList<>();
            JsonNode next;
            do {
                next = socketB.next();
                heard.add(next);
            } while (!marker.equals(next.path("text").asText()));
            assertThat(heard.toString()).doesNotContain(SECRET_TEXT).doesNotContain(LEGACY_VISITOR_A);
        }
    }

    private Long pushTokenOwnerTenant(String token) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT tenant_id FROM push_tokens WHERE token = ?")) {
            ps.setString(1, token);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
