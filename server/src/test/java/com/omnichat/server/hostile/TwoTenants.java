package com.omnichat.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.tenants.TenantService;

import java.util.Map;
import java.util.Optional;

/**
 * One server seeded as an attacker finds it: tenant A (the default) with an admin, a staff member, a visitor, a
 * conversation, a followup; tenant B with the same, whose ids the attacker aims at A's routes; and two spare tenants
 * whose state some routes change for good (rotating a site key, signing out, disabling a tenant), so those routes can
 * be attacked without taking the rest of the suite's credentials away.
 */
final class TwoTenants {
    static final String PLATFORM_TOKEN = "platform-token-for-the-hostile-suite-0123456789";
    static final String PASSWORD = "hostile-suite-password-1";

    final String siteKeyA;
    final String siteKeyB;
    final String adminA;
    final String staffA;
    final String adminB;
    final String visitorA;
    final String visitorB;
    final String conversationA;
    final String conversationB;
    final String followupA;
    final String followupB;
    final String targetUserA;
    final String userB;
    final long tenantB;
    /** Tenant C's admin: rotates its own site key. */
    final String adminC;
    /** Tenant C's staff member: signs out. */
    final String staffC;
    /** Tenant D: the platform operator's renames and disables land here. */
    final long tenantD;

    TwoTenants(TestServer server) {
        Api api = server.api();
        TenantService tenants = server.server().tenants();
        siteKeyA = server.server().bootstrap().orElseThrow().siteKey();
        adminA = api.loginAdmin();
        createStaff(api, adminA, "staff@a.example");
        targetUserA = createStaff(api, adminA, "target@a.example");
        staffA = api.login("staff@a.example", PASSWORD);

        TenantService.Created b = tenants.create("Tenant B", "admin@b.example", "B Admin", Optional.of(PASSWORD));
        tenantB = b.tenantId();
        siteKeyB = b.siteKey();
        adminB = api.login("admin@b.example", PASSWORD);
        userB = createStaff(api, adminB, "staff@b.example");

        TenantService.Created c = tenants.create("Tenant C", "admin@c.example", "C Admin", Optional.of(PASSWORD));
        adminC = api.login("admin@c.example", PASSWORD);
        createStaff(api, adminC, "staff@c.example");
        staffC = api.login("staff@c.example", PASSWORD);
        tenantD = tenants.create("Tenant D", "admin@d.example", "D Admin", Optional.of(PASSWORD)).tenantId();

        visitorA = api.newVisitor(siteKeyA);
        visitorB = api.newVisitor(siteKeyB);
        api.post("/api/v1/widget/messages", visitorA, Map.of("client_id", "seed-a", "text", "hello from a"));
        api.post("/api/v1/widget/messages", visitorB, Map.of("client_id", "seed-b", "text", "hello from b"));
        api.post("/webchat", null, Map.of("user_id", "visitor-a1", "text", "legacy hello"));
        conversationA = api.get("/api/v1/conversations", adminA).body().at("/data/0/id").asText();
        conversationB = api.get("/api/v1/conversations", adminB).body().at("/data/0/id").asText();
        api.post("/api/v1/widget/followups", visitorA, Map.of("email", "ann@example.com", "message", "call me"));
        api.post("/api/v1/widget/followups", visitorB, Map.of("email", "bob@example.com", "message", "call me"));
        followupA = api.get("/api/v1/followups", adminA).body().at("/data/0/id").asText();
        followupB = api.get("/api/v1/followups", adminB).body().at("/data/0/id").asText();
        require(conversationA, conversationB, followupA, followupB, targetUserA, userB);
    }

    private static String createStaff(Api api, String admin, String email) {
        JsonNode user = api.post("/api/v1/users", admin, Map.of("email", email, "name", "Staff", "role", "staff",
                "password", PASSWORD)).body();
        return user.get("id").asText();
    }

    private static void require(String... seeded) {
        for (String value : seeded) {
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("The hostile suite's seed data is incomplete");
            }
        }
    }
}
