package com.omnichat.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestClock;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.tenants.TenantService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** History list, legacy export, export-and-delete and purge (PROTOCOL.md §A.8, §C.4), on a clock the test moves. */
class HistoryTest {
    private static final Instant T0 = Instant.parse("2026-10-01T12:00:00Z");

    private TestClock clock;
    private TestServer server;
    private Api api;
    private String admin;
    private long tenantId;

    @BeforeEach
    void start() {
        clock = new TestClock(T0);
        server = TestServer.start(TestServer.LIFECYCLE_OFF, clock);
        api = server.api();
        admin = api.loginAdmin();
        tenantId = server.server().bootstrap().orElseThrow().tenantId();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Moves the clock; tokens live 72 hours, so the admin signs in again. */
    private void advance(Duration duration) {
        clock.advance(duration);
        admin = api.loginAdmin();
    }

    private void contactSays(String channel, String externalId, String text) {
        server.server().conversations().receiveFromContact(tenantId, channel, externalId, text, null);
    }

    private void close(String channel, String externalId) {
        assertThat(api.post("/handoff/close", admin, Map.of("user_id", externalId, "channel", channel)).status())
                .isEqualTo(200);
    }

    /** Submits a followup through the legacy widget route and archives it now; returns its number. */
    private long archivedFollowup(String siteKeyOrNull, String token, String userId, String message) {
        Map<String, Object> body = new HashMap<>(Map.of("user_id", userId, "message", message));
        String path = siteKeyOrNull == null ? "/followup" : "/followup?site_key=" + siteKeyOrNull;
        assertThat(api.post(path, null, body).status()).isEqualTo(200);
        JsonNode row = api.get("/api/v1/followups?q=" + userId, token).body().at("/data/0");
        assertThat(api.post("/api/v1/followups/" + row.get("id").asText() + "/archive", token, Map.of()).status())
                .isEqualTo(200);
        return row.get("id").asLong();
    }

    @Test
    void historyFiltersByCloseTimeChannelAndTextNewestFirstInPages() {
        contactSays("webchat", "visitor-old", "an old billing question");
        close("webchat", "visitor-old");
        advance(Duration.ofDays(2));
        contactSays("sms", "+15550001111", "refund please");
        close("sms", "+15550001111");
        advance(Duration.ofMinutes(1));
        long followup = archivedFollowup(null, admin, "visitor-old", "Refund form");

        assertThat(kinds(history(""))).containsExactly("followup:" + followup, "conversation:+15550001111",
                "conversation:visitor-old");
        String dayAfterT0 = T0.plus(Duration.ofDays(1)).toString();
        assertThat(kinds(history("?from=" + dayAfterT0))).containsExactly("followup:" + followup,
                "conversation:+15550001111");
        assertThat(kinds(history("?to=" + dayAfterT0))).containsExactly("conversation:visitor-old");
        assertThat(kinds(history("?channel=sms"))).containsExactly("conversation:+15550001111");
        assertThat(kinds(history("?q=billing"))).containsExactly("conversation:visitor-old");
        assertThat(kinds(history("?q=REFUND"))).containsExactly("followup:" + followup, "conversation:+15550001111");

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/history?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), admin).body();
            paged.addAll(kinds(page.get("data")));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        assertThat(paged).isEqualTo(kinds(history("")));
        assertThat(api.get("/api/v1/history?channel=fax", admin).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/history?from=yesterday", admin).status()).isEqualTo(422);
    }

    @Test
    void legacyExportHonoursDaysDeletesNothingAndIsAudited() throws Exception {
        long old = archivedFollowup(null, admin, "visitor-1", "old one");
        advance(Duration.ofDays(6));
        long recent = archivedFollowup(null, admin, "visitor-2", "new one");

        JsonNode all = api.get("/admin/api/history/export", admin).body();
        assertThat(all.get("count").asInt()).isEqualTo(2);
        JsonNode first = all.get("history").get(0);
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "user_id", "channel", "name", "contact", "message", "ts", "migrated_at");
        assertThat(first.get("id").asLong()).as("newest archive first").isEqualTo(recent);
        assertThat(first.get("contact").asText()).isEqualTo("Email: N/A, Phone: N/A");

        JsonNode lastFive = api.get("/admin/api/history/export?days=5", admin).body();
        assertThat(lastFive.get("count").asInt()).isEqualTo(1);
        assertThat(lastFive.at("/history/0/id").asLong()).isEqualTo(recent);
        assertThat(api.get("/admin/api/history/export?days=0", admin).status()).isEqualTo(422);
        assertThat(api.get("/admin/api/history/export?days=3651", admin).status()).isEqualTo(422);
        assertThat(api.get("/admin/api/history/export?days=week", admin).status()).isEqualTo(422);

        assertThat(count("SELECT COUNT(*) FROM followups WHERE id IN (" + old + ", " + recent + ")")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM audit_events WHERE type = 'history.exported'")).isEqualTo(2);
    }

    @Test
    void exportAndDeleteRemovesOnlyTheCallersRowsOlderThanTheRetention() throws Exception {
        TenantService.Created b = server.server().tenants().create("Tenant B", "admin@b.example", "B Admin",
                Optional.of("b-admin-password"));
        String adminB = api.login("admin@b.example", "b-admin-password");
        long oldA = archivedFollowup(null, admin, "visitor-a-old", "old of A");
        long oldB = archivedFollowup(b.siteKey(), adminB, "visitor-b-old", "old of B");
        advance(Duration.ofDays(32));
        long recentA = archivedFollowup(null, admin, "visitor-a-new", "new of A");
        long conversations = count("SELECT COUNT(*) FROM conversations");

        Api.Reply reply = api.post("/admin/api/history/export-and-delete", admin, "");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.body().get("success").asBoolean()).isTrue();
        assertThat(reply.body().get("total_exported").asInt()).isEqualTo(2);
        assertThat(reply.body().get("deleted_count").asInt()).isEqualTo(1);
        assertThat(reply.body().get("history")).extracting(r -> r.get("id").asLong()).containsExactly(recentA, oldA);
        assertThat(count("SELECT COUNT(*) FROM followups WHERE id = " + oldA)).as("A's old row deleted").isZero();
        assertThat(count("SELECT COUNT(*) FROM followups WHERE id = " + recentA)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM followups WHERE id = " + oldB)).as("B's old row survives").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM conversations")).as("conversations untouched").isEqualTo(conversations);
        assertThat(count("SELECT COUNT(*) FROM audit_events WHERE type = 'history.purged' AND tenant_id = " + tenantId
                + " AND json_extract(details, '$.deleted_count') = 1")).isEqualTo(1);
    }

    @Test
    void theTenantsRetentionSettingDecidesWhatExportAndDeleteKeeps() throws Exception {
        sql("UPDATE tenants SET settings = json_set(settings, '$.history_retention_days', 40) WHERE id = " + tenantId);
        archivedFollowup(null, admin, "visitor-1", "kept for forty days");
        advance(Duration.ofDays(32));

        assertThat(api.post("/admin/api/history/export-and-delete", admin, "").body().get("deleted_count").asInt())
                .isZero();
    }

    @Test
    void purgeDeletesOldClosedConversationsAndArchivedFollowupsButNeverOpenOnesOrAudit() throws Exception {
        contactSays("webchat", "visitor-closed", "bye");
        close("webchat", "visitor-closed");
        contactSays("webchat", "visitor-open", "still here");
        archivedFollowup(null, admin, "visitor-f", "archived");
        advance(Duration.ofDays(10));
        long audits = count("SELECT COUNT(*) FROM audit_events");
        long seqBefore = api.get("/api/v1/followups", admin).body().get("stream_seq").asLong();

        Api.Reply reply = api.post("/api/v1/history/purge", admin, Map.of("older_than_days", 5));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        // visitor-closed (its message and the greeting) and visitor-f's conversation, closed by its followup (the thanks).
        assertThat(reply.text()).isEqualTo("{\"followups\":1,\"conversations\":2,\"messages\":3}");
        assertThat(count("SELECT COUNT(*) FROM conversations WHERE external_id = 'visitor-open'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                + "WHERE c.external_id = 'visitor-open'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM conversations WHERE external_id IN ('visitor-closed', 'visitor-f')")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_events")).as("audit rows survive, plus one").isEqualTo(audits + 1);
        assertThat(api.get("/api/v1/followups", admin).body().get("stream_seq").asLong()).isGreaterThan(seqBefore);
        assertThat(api.post("/api/v1/history/purge", admin, Map.of("older_than_days", 0)).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/history/purge", admin, Map.of()).status()).isEqualTo(422);
    }

    private JsonNode history(String query) {
        Api.Reply reply = api.get("/api/v1/history" + query, admin);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body().get("data");
    }

    private static List<String> kinds(JsonNode data) {
        List<String> kinds = new ArrayList<>();
        for (JsonNode item : data) {
            String kind = item.get("kind").asText();
            kinds.add(kind + ":" + (kind.equals("followup") ? item.at("/followup/id").asText()
                    : item.at("/conversation/external_id").asText()));
        }
        return kinds;
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }
}
