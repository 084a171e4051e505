package com.omnichat.server.followups;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins list, count, view and archive followups on both APIs (PROTOCOL.md §A.7, §C.4). */
class FollowupAdminTest {
    private static final String NOTICE = "[Follow-up submitted by visitor]";

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

    private long submit(String userId, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("user_id", userId);
        assertThat(api.post("/followup", null, body).status()).isEqualTo(200);
        JsonNode list = api.get("/admin/api/followups", admin).body().get("followups");
        for (JsonNode row : list) {
            if (row.get("user_id").asText().equals(userId)) {
                return row.get("id").asLong();
            }
        }
        throw new AssertionError("followup of " + userId + " not listed");
    }

    private TestSocket staffStream() {
        TestSocket stream = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + admin));
        stream.send(Map.of("type", "hello", "data", Map.of()));
        stream.nextOfType("ready");
        return stream;
    }

    private TestSocket legacyStaffSocket() {
        api.post("/webchat", null, Map.of("user_id", "visitor-warmup", "text", "warming up"));
        TestSocket staff = TestSocket.open(server.wsUrl("/admin-ws?token=" + admin));
        staff.nextOfType("snapshot");
        return staff;
    }

    @Test
    void aFollowupGoesFromTheVisitorThroughTheAdminToHistory() {
        try (TestSocket legacy = legacyStaffSocket(); TestSocket stream = staffStream()) {
            assertThat(api.post("/followup", null, Map.of("user_id", "visitor-42", "name", "Ann",
                    "email", "ann@example.com", "message", "Call me")).status()).isEqualTo(200);

            assertThat(legacy.nextMatching(f -> NOTICE.equals(f.path("text").asText())).get("user_id").asText())
                    .isEqualTo("visitor-42");
            JsonNode created = stream.nextOfType("followup.created");
            assertThat(created.at("/data/followup/name").asText()).isEqualTo("Ann");

            JsonNode row = api.get("/admin/api/followups", admin).body().get("followups").get(0);
            assertThat(fieldNames(row)).containsExactly("id", "user_id", "channel", "name", "email", "phone",
                    "message", "ts", "viewed");
            assertThat(row.get("id").isInt()).isTrue();
            assertThat(row.get("id").asText()).isEqualTo(created.at("/data/followup/id").asText());
            assertThat(row.get("phone").isNull()).isTrue();
            assertThat(row.get("viewed").asInt()).isZero();
            long id = row.get("id").asLong();
            assertThat(api.get("/admin/api/followups/unviewed-count", admin).text()).isEqualTo("{\"count\":1}");

            Api.Reply viewed = api.post("/admin/api/followups/" + id + "/mark-viewed", admin, "");
            assertThat(viewed.text()).isEqualTo("{\"success\":true,\"id\":" + id + "}");
            assertThat(api.get("/admin/api/followups/unviewed-count", admin).body().get("count").asInt()).isZero();
            JsonNode viewedEvent = stream.nextOfType("followup.updated");
            assertThat(viewedEvent.at("/data/reason").asText()).isEqualTo("viewed");
            assertThat(viewedEvent.at("/data/followup/viewed_at").isTextual()).isTrue();

            Api.Reply archived = api.delete("/admin/api/followups/" + id, admin);
            assertThat(archived.text()).isEqualTo("{\"success\":true,\"id\":" + id + ",\"archived\":true}");
            JsonNode archivedEvent = stream.nextOfType("followup.updated");
            assertThat(archivedEvent.at("/data/reason").asText()).isEqualTo("archived");
            assertThat(archivedEvent.at("/data/followup/archived_by/name").asText()).isEqualTo("Default Admin");
            assertThat(api.get("/admin/api/followups", admin).body().get("followups")).isEmpty();

            JsonNode history = api.get("/admin/api/history", admin).body().get("history");
            JsonNode item = find(history, "source", "followup");
            assertThat(item.has("id")).as("history rows carry no bare id").isFalse();
            assertThat(item.get("history_id").asLong()).isEqualTo(id);
            assertThat(item.get("contact").asText()).isEqualTo("Email: ann@example.com, Phone: N/A");
            assertThat(item.get("created_at").asText()).isEqualTo(row.get("ts").asText());
            assertThat(item.get("message_count").asInt()).isZero();
            JsonNode closedConversation = find(history, "source", "conversation");
            assertThat(closedConversation.get("user_id").asText()).isEqualTo("visitor-42");
            assertThat(closedConversation.has("id")).isFalse();

            JsonNode v1 = api.get("/api/v1/history", admin).body().get("data");
            assertThat(v1.get(0).get("kind").asText()).isEqualTo("followup");
            assertThat(v1.get(0).at("/followup/id").asText()).isEqualTo(Long.toString(id));
            assertThat(v1.get(0).at("/followup/archived_by/id").isTextual()).isTrue();
            assertThat(v1.get(1).get("kind").asText()).isEqualTo("conversation");
            assertThat(v1.get(1).at("/conversation/external_id").asText()).isEqualTo("visitor-42");
        }
    }

    @Test
    void markViewedAnswers404ForUnknownArchivedOrForeignIdsAnd422ForNonIntegers() {
        long id = submit("visitor-1", Map.of("email", "a@example.com"));

        Api.Reply unknown = api.post("/admin/api/followups/99999/mark-viewed", admin, "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).isEqualTo("{\"detail\":\"Followup not found\"}");
        Api.Reply notANumber = api.post("/admin/api/followups/abc/mark-viewed", admin, "");
        assertThat(notANumber.status()).isEqualTo(422);
        assertThat(notANumber.body().at("/detail/0/loc/0").asText()).isEqualTo("path");

        assertThat(api.post("/admin/api/followups/" + id + "/mark-viewed", admin, "").status()).isEqualTo(200);
        assertThat(api.post("/admin/api/followups/" + id + "/mark-viewed", admin, "").status())
                .as("idempotent").isEqualTo(200);
        assertThat(api.delete("/admin/api/followups/" + id, admin).status()).isEqualTo(200);
        assertThat(api.post("/admin/api/followups/" + id + "/mark-viewed", admin, "").status())
                .as("archived").isEqualTo(404);
    }

    @Test
    void archivingTwiceAnswers404OnBothApis() {
        long first = submit("visitor-1", Map.of("email", "a@example.com"));
        long second = submit("visitor-2", Map.of("phone", "+15551234567"));

        assertThat(api.delete("/admin/api/followups/" + first, admin).status()).isEqualTo(200);
        Api.Reply again = api.delete("/admin/api/followups/" + first, admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.text()).isEqualTo("{\"detail\":\"Followup not found\"}");

        Api.Reply v1 = api.post("/api/v1/followups/" + second + "/archive", admin, Map.of());
        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.body().get("archived_at").isTextual()).isTrue();
        assertThat(v1.body().at("/archived_by/name").asText()).isEqualTo("Default Admin");
        Api.Reply v1Again = api.post("/api/v1/followups/" + second + "/archive", admin, Map.of());
        assertThat(v1Again.status()).isEqualTo(404);
        assertThat(v1Again.body().at("/error/code").asText()).isEqualTo("not_found");
        assertThat(api.delete("/admin/api/followups/" + second, admin).status()).isEqualTo(404);
    }

    @Test
    void v1ListFiltersPagesAndCountsWithTheStreamHead() {
        long ann = submit("visitor-ann", Map.of("name", "Ann", "message", "Please call me back"));
        long bob = submit("visitor-bob", Map.of("name", "Bob", "email", "bob@example.com"));
        long cy = submit("visitor-cy", Map.of("name", "Cy", "phone", "+15550001111"));
        api.post("/api/v1/followups/" + bob + "/view", admin, Map.of());
        api.post("/api/v1/followups/" + cy + "/archive", admin, Map.of());

        JsonNode open = api.get("/api/v1/followups", admin).body();
        assertThat(ids(open.get("data"))).containsExactly(Long.toString(bob), Long.toString(ann));
        assertThat(open.get("unviewed_count").asInt()).isEqualTo(1);
        assertThat(open.get("stream_seq").asLong()).isPositive();
        assertThat(open.get("next_cursor").isNull()).isTrue();
        assertThat(ids(api.get("/api/v1/followups?viewed=false", admin).body().get("data"))).containsExactly(Long.toString(ann));
        assertThat(ids(api.get("/api/v1/followups?viewed=true", admin).body().get("data"))).containsExactly(Long.toString(bob));
        assertThat(ids(api.get("/api/v1/followups?q=CALL%20me", admin).body().get("data"))).containsExactly(Long.toString(ann));
        assertThat(ids(api.get("/api/v1/followups?archived=true", admin).body().get("data"))).containsExactly(Long.toString(cy));
        assertThat(api.get("/api/v1/followups?from=2000-01-01&to=2000-01-02", admin).body().get("data")).isEmpty();
        assertThat(api.get("/api/v1/followups?from=2000-01-01", admin).body().get("data")).hasSize(2);

        JsonNode page1 = api.get("/api/v1/followups?limit=1", admin).body();
        assertThat(ids(page1.get("data"))).containsExactly(Long.toString(bob));
        JsonNode page2 = api.get("/api/v1/followups?limit=1&cursor=" + page1.get("next_cursor").asText(), admin).body();
        assertThat(ids(page2.get("data"))).containsExactly(Long.toString(ann));
        assertThat(page2.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void viewingIsIdempotentAndEmitsOneEvent() {
        long id = submit("visitor-1", Map.of("email", "a@example.com"));
        JsonNode first = api.post("/api/v1/followups/" + id + "/view", admin, Map.of()).body();
        long head = api.get("/api/v1/followups", admin).body().get("stream_seq").asLong();
        JsonNode second = api.post("/api/v1/followups/" + id + "/view", admin, Map.of()).body();

        assertThat(second.get("viewed_at").asText()).isEqualTo(first.get("viewed_at").asText());
        assertThat(api.get("/api/v1/followups", admin).body().get("stream_seq").asLong()).isEqualTo(head);
        assertThat(api.post("/api/v1/followups/nope/view", admin, Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/followups/99999/view", admin, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void staffRoleGets403OnEveryFollowupRoute() {
        long id = submit("visitor-1", Map.of("email", "a@example.com"));
        api.post("/api/v1/users", admin, Map.of("email", "staff@example.com", "name", "Sam", "role", "staff",
                "password", "staff-password-1"));
        String staff = api.login("staff@example.com", "staff-password-1");

        List<Api.Reply> replies = new ArrayList<>(List.of(
                api.get("/admin/api/followups", staff),
                api.get("/admin/api/followups/unviewed-count", staff),
                api.post("/admin/api/followups/" + id + "/mark-viewed", staff, ""),
                api.delete("/admin/api/followups/" + id, staff),
                api.get("/api/v1/followups", staff),
                api.post("/api/v1/followups/" + id + "/view", staff, Map.of()),
                api.post("/api/v1/followups/" + id + "/archive", staff, Map.of())));
        assertThat(replies).extracting(Api.Reply::status).containsOnly(403);
        assertThat(replies.get(0).text()).isEqualTo("{\"detail\":\"Forbidden\"}");
        assertThat(api.get("/admin/api/followups/unviewed-count", admin).body().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void everyStaffStreamLearnsTheContactFieldsAFollowupGave() {
        api.post("/api/v1/users", admin, Map.of("email", "staff2@example.com", "name", "Sue", "role", "staff",
                "password", "staff-password-2"));
        String staff = api.login("staff2@example.com", "staff-password-2");
        String visitor = api.newVisitor(server.server().bootstrap().orElseThrow().siteKey());
        api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "c1", "text", "hello"));
        try (TestSocket staffStream = TestSocket.open(server.wsUrl("/api/v1/stream"),
                Map.of("Authorization", "Bearer " + staff))) {
            staffStream.send(Map.of("type", "hello", "data", Map.of()));
            staffStream.nextOfType("ready");

            assertThat(api.post("/api/v1/widget/followups", visitor, Map.of("name", "Ann", "email", "ann@example.com",
                    "message", "Call me")).status()).isEqualTo(201);

            JsonNode updated = staffStream.nextMatching(f -> "conversation.updated".equals(f.path("type").asText())
                    && "contact_updated".equals(f.at("/data/reason").asText()));
            assertThat(updated.at("/data/conversation/contact/name").asText()).isEqualTo("Ann");
            assertThat(updated.at("/data/conversation/contact/email").asText()).isEqualTo("ann@example.com");
        }
    }

    @Test
    void followupEventsReachAdminStreamsButNotStaffOrVisitorStreams() {
        api.post("/api/v1/users", admin, Map.of("email", "staff@example.com", "name", "Sam", "role", "staff",
                "password", "staff-password-1"));
        String staff = api.login("staff@example.com", "staff-password-1");
        String siteKey = server.server().bootstrap().orElseThrow().siteKey();
        String visitor = api.newVisitor(siteKey);
        api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "c1", "text", "hello"));
        try (TestSocket staffStream = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + staff));
             TestSocket adminStream = staffStream();
             TestSocket visitorStream = TestSocket.open(server.wsUrl("/api/v1/widget/stream"))) {
            staffStream.send(Map.of("type", "hello", "data", Map.of()));
            staffStream.nextOfType("ready");
            String[] credentials = visitor.substring("Visitor ".length()).split(":");
            visitorStream.send(Map.of("type", "hello", "data", Map.of("visitor_id", credentials[0],
                    "visitor_secret", credentials[1])));
            visitorStream.nextOfType("ready");

            assertThat(api.post("/api/v1/widget/followups", visitor, Map.of("email", "ann@example.com")).status()).isEqualTo(201);
            adminStream.nextOfType("followup.created");
            String id = api.get("/api/v1/followups", admin).body().at("/data/0/id").asText();
            api.post("/api/v1/followups/" + id + "/archive", admin, Map.of());
            adminStream.nextOfType("followup.updated");
            api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "marker", "text", "marker"));

            List<JsonNode> staffHeard = new ArrayList<>();
            JsonNode next;
            do {
                next = staffStream.next();
                staffHeard.add(next);
            } while (!"marker".equals(next.at("/data/text").asText()));
            assertThat(staffHeard).extracting(f -> f.get("type").asText()).doesNotContain("followup.created", "followup.updated");
            List<JsonNode> visitorHeard = new ArrayList<>();
            do {
                next = visitorStream.next();
                visitorHeard.add(next);
            } while (!"marker".equals(next.at("/data/text").asText()));
            assertThat(visitorHeard.toString()).doesNotContain("followup.").doesNotContain(NOTICE).doesNotContain("ann@example.com");
        }
    }

    private static List<String> ids(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    private static JsonNode find(JsonNode items, String key, String value) {
        for (JsonNode item : items) {
            if (item.path(key).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no item with " + key + "=" + value + " in " + items);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
