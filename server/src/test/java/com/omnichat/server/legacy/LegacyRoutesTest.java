package com.omnichat.server.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyRoutesTest {
    private static TestServer server;
    private static Api api;
    private static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        token = api.loginAdmin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Api.Reply visitorSays(String userId, String text) {
        return api.post("/webchat", null, Map.of("user_id", userId, "text", text));
    }

    private static Api.Reply messagesOf(String rawUserId, String channel) {
        return api.get("/admin/api/messages/" + rawUserId + "/" + channel, token);
    }

    @Test
    void webchatAnswersOkAndCreatesAnOpenConversationWithItsGreeting() {
        assertThat(api.get("/webchat", null).body()).isEqualTo(Api.JSON.valueToTree(Map.of("status", "ok")));

        Api.Reply reply = api.post("/webchat", null, Map.of("user_id", "visitor-rows", "channel", "", "text", "hello there"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(Api.JSON.valueToTree(Map.of("status", "ok")));
        JsonNode row = findRow(api.get("/admin/api/convos", token).body(), "visitor-rows");
        assertThat(row.has("id")).isFalse();
        assertThat(row.get("conversation_id").asText()).startsWith("c_");
        assertThat(row.get("channel").asText()).isEqualTo("webchat");
        assertThat(row.get("open").isInt()).isTrue();
        assertThat(row.get("open").asInt()).isEqualTo(1);
        assertThat(row.get("final_sent").asInt()).isZero();
        assertThat(row.get("escalation_active").asInt()).isEqualTo(1);
        assertThat(row.get("message_count").asInt()).isEqualTo(2);
        assertThat(row.get("closed_at").isNull()).isTrue();
        assertThat(row.get("preview").asText())
                .isEqualTo("system: Connecting you with a staff member, please wait... | user: hello there");
        assertThat(findRow(api.get("/admin/api/conversations", token).body(), "visitor-rows")).isNotNull();
        assertThat(api.get("/admin/api/escalated", token).body().get("conversations")).isEmpty();
    }

    @Test
    void closedConversationsAreListedByStatusAndClosingTwiceChangesNothing() {
        visitorSays("visitor-closing", "please close me");

        Api.Reply closed = api.post("/handoff/close", token,
                Map.of("user_id", "visitor-closing", "initial_message", "ignored"));

        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body()).isEqualTo(Api.JSON.valueToTree(Map.of("status", "closed")));
        JsonNode row = findRow(api.get("/admin/api/conversations?status=closed", token).body(), "visitor-closing");
        assertThat(row.get("open").asInt()).isZero();
        assertThat(row.get("closed_at").isTextual()).isTrue();
        assertThat(findRow(api.get("/admin/api/convos", token).body(), "visitor-closing")).isNull();
        assertThat(api.post("/handoff/close", token, Map.of("user_id", "visitor-closing", "channel", "webchat")).status())
                .isEqualTo(200);
        Api.Reply unknown = api.post("/handoff/close", token, Map.of("user_id", "visitor-nobody"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asText()).isEqualTo("Conversation not found");
    }

    @Test
    void messagesAddressAPhoneNumberWithPlainOrEncodedPlus() {
        server.server().conversations().receiveFromContact(1, "sms", "+15551234567", "text from a phone", null);
        server.server().conversations().receiveFromContact(1, "whatsapp", "whatsapp:+15557654321", "hola", null);

        Api.Reply plain = messagesOf("+15551234567", "sms");
        Api.Reply encoded = messagesOf("%2B15551234567", "sms");
        Api.Reply whatsapp = messagesOf("whatsapp:+15557654321", "whatsapp");

        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(encoded.body());
        JsonNode message = plain.body().get("messages").get(0);
        assertThat(fieldNames(message)).containsExactly("sender", "text", "ts");
        assertThat(message.get("text").asText()).isEqualTo("text from a phone");
        assertThat(plain.body().get("conversation").get("user_id").asText()).isEqualTo("+15551234567");
        assertThat(whatsapp.body().get("messages").get(0).get("text").asText()).isEqualTo("hola");
        Api.Reply unknown = messagesOf("visitor-unknown", "webchat");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.text()).isEqualTo("{\"messages\":[],\"conversation\":null}");
    }

    @Test
    void staffSendStoresTheReplyOnlyForAnExistingConversation() {
        visitorSays("visitor-send", "anyone there?");

        Api.Reply sent = api.post("/admin/api/send", token, Map.of("user_id", "visitor-send", "channel", "webchat", "text", "Yes!"));
        Api.Reply unknown = api.post("/admin/api/send", token, Map.of("user_id", "visitor-ghost", "channel", "webchat", "text", "Hi"));

        assertThat(sent.body()).isEqualTo(Api.JSON.valueToTree(Map.of("status", "ok")));
        JsonNode messages = messagesOf("visitor-send", "webchat").body().get("messages");
        assertThat(messages.get(messages.size() - 1).get("sender").asText()).isEqualTo("staff");
        assertThat(messages.get(messages.size() - 1).get("text").asText()).isEqualTo("Yes!");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asText()).isEqualTo("Conversation not found");
        assertThat(messagesOf("visitor-ghost", "webchat").body().get("conversation").isNull()).isTrue();
    }

    @Test
    void bulkCloseCountsClosedItemsAndNamesEveryProblem() {
        visitorSays("visitor-bulk-1", "one");
        visitorSays("visitor-bulk-2", "two");
        List<Object> items = List.of(
                Map.of("user_id", "visitor-bulk-1"),
                Map.of("user_id", "visitor-bulk-2", "channel", "webchat"),
                Map.of("channel", "webchat"),
                Map.of("user_id", "visitor-99"));

        Api.Reply reply = api.post("/handoff/close-bulk", token, Map.of("conversations", items));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("status").asText()).isEqualTo("ok");
        assertThat(reply.body().get("closed").asInt()).isEqualTo(2);
        assertThat(reply.body().get("total").asInt()).isEqualTo(4);
        assertThat(reply.body().get("errors")).containsExactly(
                Api.JSON.getNodeFactory().textNode("Missing user_id at index 2"),
                Api.JSON.getNodeFactory().textNode("Conversation not found: visitor-99 (webchat)"));
        Api.Reply clean = api.post("/handoff/close-bulk", token, Map.of("conversations", List.of(Map.of("user_id", "visitor-bulk-1"))));
        assertThat(clean.body().get("errors").isNull()).isTrue();
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("user_id", "visitor-" + i));
        }
        assertThat(api.post("/handoff/close-bulk", token, Map.of("conversations", tooMany)).status()).isEqualTo(422);
    }

    @Test
    void invalidRequestsGetTheLegacyErrorShapes() {
        Api.Reply missing = api.post("/webchat", null, Map.of("user_id", "visitor-x"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().get("detail").get(0)).isEqualTo(Api.JSON.valueToTree(
                Map.of("loc", List.of("body", "text"), "msg", "Field required", "type", "missing")));
        assertThat(visitorSays("visitor-x", "   ").status()).isEqualTo(422);
        assertThat(api.post("/webchat", null, Map.of("user_id", "visitor-x", "channel", "sms", "text", "hi")).status())
                .isEqualTo(422);
        assertThat(api.post("/admin/api/send", token, Map.of("user_id", "visitor-x", "channel", "fax", "text", "hi")).status())
                .isEqualTo(422);

        Api.Reply hardened = visitorSays("v_abcdefghijklmnopqrstuv", "hi");
        assertThat(hardened.status()).isEqualTo(403);
        assertThat(hardened.body().get("detail").asText()).isEqualTo("Forbidden");

        Api.Reply badStatus = api.get("/admin/api/conversations?status=bogus", token);
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.body().get("detail").get(0).get("loc"))
                .isEqualTo(Api.JSON.valueToTree(List.of("query", "status")));
    }

    @Test
    void staffRoutesCheckTheTokenBeforeTheBody() {
        Api.Reply none = api.post("/admin/api/send", null, Map.of());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().get("detail").asText()).isEqualTo("Not authenticated");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");

        Api.Reply invalid = api.get("/admin/api/convos", "not-a-jwt");
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.text()).isEqualTo("{\"detail\":\"Invalid token\"}");
    }

    @Test
    void visitorsAreRefusedForAnUnknownSiteOrAForeignOrigin() {
        Api.Reply unknownSite = api.post("/webchat?site_key=wk_nosuchkey", null, Map.of("user_id", "visitor-s", "text", "hi"));
        assertThat(unknownSite.status()).isEqualTo(403);
        assertThat(unknownSite.body().get("detail").asText()).isEqualTo("Unknown site");

        Api.Reply foreign = api.raw("POST", "/webchat", null, "application/json",
                "{\"user_id\":\"visitor-s\",\"text\":\"hi\"}", Map.of("Origin", "https://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body().get("detail").asText()).isEqualTo("Origin not allowed");
        assertThat(messagesOf("visitor-s", "webchat").body().get("conversation").isNull()).isTrue();
    }

    @Test
    void siteKeyChoosesTheTenantAndStaffSeeOnlyTheirOwn() {
        String siteKey = server.server().tenants().create("Second", "second@example.com", "Second Admin",
                java.util.Optional.of("second-password-1")).siteKey();

        Api.Reply reply = api.raw("POST", "/webchat", null, "application/json",
                "{\"user_id\":\"visitor-tenant2\",\"text\":\"hi\"}", Map.of("X-Site-Key", siteKey));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(messagesOf("visitor-tenant2", "webchat").body().get("conversation").isNull()).isTrue();
        String secondToken = api.login("second@example.com", "second-password-1");
        assertThat(api.get("/admin/api/messages/visitor-tenant2/webchat", secondToken).body().get("messages")).hasSize(2);
    }

    @Test
    void aVisitorSendingTooFastIsTold429() {
        for (int i = 0; i < 30; i++) {
            assertThat(visitorSays("visitor-fast", "message " + i).status()).isEqualTo(200);
        }

        Api.Reply limited = visitorSays("visitor-fast", "one too many");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().get("detail").asText()).isEqualTo("Too many requests");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
    }

    @Test
    void concurrentFirstMessagesCreateOneConversationAndKeepEveryMessage() throws Exception {
        int senders = 20;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            String text = "burst " + i;
            statuses.add(pool.submit(() -> {
                go.await();
                return visitorSays("visitor-burst", text).status();
            }));
        }
        go.countDown();
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        pool.shutdown();

        JsonNode body = messagesOf("visitor-burst", "webchat").body();
        List<String> userTexts = new ArrayList<>();
        body.get("messages").forEach(m -> {
            if (m.get("sender").asText().equals("user")) {
                userTexts.add(m.get("text").asText());
            }
        });
        assertThat(userTexts).hasSize(senders);
        assertThat(body.get("conversation").get("message_count").asInt()).isEqualTo(senders + 1);
        long rows = 0;
        for (JsonNode row : api.get("/admin/api/convos", token).body().get("conversations")) {
            rows += row.get("user_id").asText().equals("visitor-burst") ? 1 : 0;
        }
        assertThat(rows).isEqualTo(1);
    }

    private static JsonNode findRow(JsonNode list, String userId) {
        for (JsonNode row : list.get("conversations")) {
            if (row.get("user_id").asText().equals(userId)) {
                return row;
            }
        }
        return null;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
