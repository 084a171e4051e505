package com.omnichat.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationApiTest {
    private TestServer server;
    private Api api;
    private String admin;
    private String siteKey;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        admin = api.loginAdmin();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String conversationFromNewVisitor(String text) {
        JsonNode session = api.post("/api/v1/widget/sessions", null, Map.of("site_key", siteKey)).body();
        String auth = "Visitor " + session.get("visitor_id").asText() + ":" + session.get("visitor_secret").asText();
        api.post("/api/v1/widget/messages", auth, Map.of("client_id", "c1", "text", text));
        return api.get("/api/v1/conversations?q=" + text.substring(0, 4), admin).body().at("/data/0/id").asText();
    }

    @Test
    void listsPageWithACursorWithoutRepeatsOrGaps() {
        for (int i = 0; i < 7; i++) {
            conversationFromNewVisitor("topic" + i + " question");
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/api/v1/conversations?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), admin).body();
            page.get("data").forEach(c -> assertThat(seen.add(c.get("id").asText())).isTrue());
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            assertThat(page.get("stream_seq").asLong()).isPositive();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(7);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void searchFindsAConversationByMessageText() {
        String wanted = conversationFromNewVisitor("refund for order 42");
        conversationFromNewVisitor("shipping times");
        JsonNode found = api.get("/api/v1/conversations?q=ORDER%2042", admin).body().get("data");
        assertThat(found).extracting(c -> c.get("id").asText()).containsExactly(wanted);
    }

    @Test
    void assignCloseAndReopenMoveTheConversationBetweenFilters() {
        String id = conversationFromNewVisitor("help please");
        JsonNode me = api.get("/api/v1/auth/me", admin).body();
        JsonNode assigned = api.patch("/api/v1/conversations/" + id, admin, Map.of("assignee_id", me.get("id").asText())).body();
        assertThat(assigned.at("/assignee/name").asText()).isEqualTo("Default Admin");
        assertThat(api.get("/api/v1/conversations?assignee=me", admin).body().get("data")).hasSize(1);

        JsonNode closed = api.patch("/api/v1/conversations/" + id, admin, Map.of("status", "closed")).body();
        assertThat(closed.get("status").asText()).isEqualTo("closed");
        assertThat(closed.get("assignee").isNull()).isTrue();
        assertThat(closed.get("closed_at").isNull()).isFalse();
        assertThat(api.get("/api/v1/conversations?status=closed", admin).body().get("data")).hasSize(1);
        assertThat(api.get("/api/v1/conversations?status=open", admin).body().get("data")).isEmpty();

        JsonNode reopened = api.patch("/api/v1/conversations/" + id, admin, Map.of("status", "open")).body();
        assertThat(reopened.get("status").asText()).isEqualTo("open");
        assertThat(reopened.get("closed_at").isNull()).isTrue();
    }

    @Test
    void messagesPageBackwardsInSeqOrder() {
        JsonNode session = api.post("/api/v1/widget/sessions", null, Map.of("site_key", siteKey)).body();
        String auth = "Visitor " + session.get("visitor_id").asText() + ":" + session.get("visitor_secret").asText();
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/widget/messages", auth, Map.of("client_id", "p" + i, "text", "line " + i));
        }
        String id = api.get("/api/v1/conversations", admin).body().at("/data/0/id").asText();
        JsonNode newest = api.get("/api/v1/conversations/" + id + "/messages?limit=2", admin).body();
        assertThat(newest.get("data")).extracting(m -> m.get("text").asText()).containsExactly("line 3", "line 4");
        assertThat(newest.get("has_more").asBoolean()).isTrue();
        long before = newest.at("/data/0/seq").asLong();
        JsonNode older = api.get("/api/v1/conversations/" + id + "/messages?limit=10&before_seq=" + before, admin).body();
        assertThat(older.get("data")).extracting(m -> m.get("text").asText()).endsWith("line 1", "line 2");
        assertThat(older.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void unreadCountFollowsTheReadMarker() {
        String id = conversationFromNewVisitor("unread check");
        JsonNode before = api.get("/api/v1/conversations/" + id, admin).body();
        assertThat(before.get("unread_count").asInt()).isEqualTo(1);
        long seq = before.at("/last_message/seq").asLong();
        assertThat(api.post("/api/v1/conversations/" + id + "/read", admin, Map.of("seq", seq)).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/conversations/" + id, admin).body().get("unread_count").asInt()).isZero();
    }

    @Test
    void aReadMarkerBeyondTheLastMessageIsRefusedAndLeavesTheMarkerWhereItWas() {
        JsonNode session = api.post("/api/v1/widget/sessions", null, Map.of("site_key", siteKey)).body();
        String visitor = "Visitor " + session.get("visitor_id").asText() + ":" + session.get("visitor_secret").asText();
        api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "c1", "text", "marker check"));
        String id = api.get("/api/v1/conversations?q=marker", admin).body().at("/data/0/id").asText();
        long last = api.get("/api/v1/conversations/" + id, admin).body().at("/last_message/seq").asLong();

        Api.Reply beyond = api.post("/api/v1/conversations/" + id + "/read", admin, Map.of("seq", last + 1_000));

        assertThat(beyond.status()).isEqualTo(422);
        assertThat(beyond.body().at("/error/code").asText()).isEqualTo("validation_failed");
        assertThat(beyond.body().at("/error/details/fields/seq").asText()).contains(String.valueOf(last));
        api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "c2", "text", "still unread?"));
        assertThat(api.get("/api/v1/conversations/" + id, admin).body().get("unread_count").asInt())
                .as("a marker stored beyond the end would have hidden the messages that came after it").isEqualTo(2);
        assertThat(api.post("/api/v1/conversations/" + id + "/read", admin, Map.of("seq", -1)).status()).isEqualTo(422);
    }

    @Test
    void theWaitingSortPutsTheLongestWaitingFirstAndAnsweredOnesLast() {
        String answered = conversationFromNewVisitor("first asked");
        String older = conversationFromNewVisitor("second asked");
        String newer = conversationFromNewVisitor("third asked");
        api.post("/api/v1/conversations/" + answered + "/messages", admin, Map.of("client_id", "r", "text", "answered"));

        JsonNode page = api.get("/api/v1/conversations?sort=waiting&limit=2", admin).body();
        assertThat(page.get("data")).extracting(c -> c.get("id").asText()).containsExactly(older, newer);
        JsonNode rest = api.get("/api/v1/conversations?sort=waiting&limit=2&cursor=" + page.get("next_cursor").asText(), admin).body();
        assertThat(rest.get("data")).extracting(c -> c.get("id").asText()).containsExactly(answered);
        assertThat(rest.at("/data/0/waiting_since").isNull()).isTrue();
    }
}
