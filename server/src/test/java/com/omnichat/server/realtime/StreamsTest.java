package com.omnichat.server.realtime;

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

class StreamsTest {
    private TestServer server;
    private Api api;
    private String adminToken;
    private String siteKey;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        adminToken = api.loginAdmin();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode newVisitor() {
        Api.Reply session = api.post("/api/v1/widget/sessions", null, Map.of("site_key", siteKey));
        assertThat(session.status()).isEqualTo(201);
        return session.body();
    }

    private static String visitorAuth(JsonNode visitor) {
        return "Visitor " + visitor.get("visitor_id").asText() + ":" + visitor.get("visitor_secret").asText();
    }

    private TestSocket staffStream(Long since) {
        TestSocket socket = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + adminToken));
        socket.send(Map.of("type", "hello", "seq", "null", "data", since == null ? Map.of() : Map.of("since", since)));
        return socket;
    }

    private TestSocket visitorStream(JsonNode visitor, Long since) {
        TestSocket socket = TestSocket.open(server.wsUrl("/api/v1/widget/stream"));
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("visitor_id", visitor.get("visitor_id").asText());
        data.put("visitor_secret", visitor.get("visitor_secret").asText());
        if (since != null) {
            data.put("since", since);
        }
        socket.send(Map.of("type", "hello", "data", data));
        return socket;
    }

    @Test
    void visitorMessageReachesStaffStreamAndStaffReplyReachesVisitorStream() {
        TestSocket staff = staffStream(null);
        staff.nextOfType("ready");
        JsonNode visitor = newVisitor();
        TestSocket visitorSocket = visitorStream(visitor, null);
        visitorSocket.nextOfType("ready");

        Api.Reply sent = api.post("/api/v1/widget/messages", visitorAuth(visitor), Map.of("client_id", "c-1", "text", "hello there"));
        assertThat(sent.status()).isEqualTo(201);

        JsonNode created = staff.nextOfType("conversation.created");
        String conversationId = created.at("/data/conversation/id").asText();
        JsonNode message = staff.nextOfType("message.created");
        assertThat(message.at("/data/text").asText()).isEqualTo("hello there");
        assertThat(message.at("/data/sender").asText()).isEqualTo("user");
        assertThat(message.get("seq").asLong()).isEqualTo(message.at("/data/seq").asLong());

        Api.Reply reply = api.post("/api/v1/conversations/" + conversationId + "/messages", adminToken,
                Map.of("client_id", "r-1", "text", "How can I help?"));
        assertThat(reply.status()).isEqualTo(201);
        JsonNode atVisitor = visitorSocket.nextMatching(f -> f.path("type").asText().equals("message.created")
                && f.at("/data/sender").asText().equals("staff"));
        assertThat(atVisitor.at("/data/text").asText()).isEqualTo("How can I help?");
        assertThat(atVisitor.at("/data/author_name").asText()).isEqualTo("Default Admin");
        assertThat(atVisitor.at("/data").has("author")).isFalse();

        Api.Reply again = api.post("/api/v1/conversations/" + conversationId + "/messages", adminToken,
                Map.of("client_id", "r-1", "text", "How can I help?"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replay")).isEqualTo("true");
        assertThat(again.body().get("id").asText()).isEqualTo(reply.body().get("id").asText());
        staff.close();
        visitorSocket.close();
    }

    @Test
    void staffReconnectingWithItsLastSeqGetsExactlyTheMissedEventsInOrderOnce() {
        JsonNode visitor = newVisitor();
        api.post("/api/v1/widget/messages", visitorAuth(visitor), Map.of("client_id", "first", "text", "first"));
        TestSocket staff = staffStream(null);
        long lastSeen = staff.nextOfType("ready").at("/data/head_seq").asLong();
        staff.close();

        List<JsonNode> visitors = List.of(visitor, newVisitor(), newVisitor(), newVisitor(), newVisitor());
        List<String> sentTexts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String text = "missed " + i;
            sentTexts.add(text);
            JsonNode from = visitors.get(i % visitors.size());
            assertThat(api.post("/api/v1/widget/messages", visitorAuth(from), Map.of("client_id", "m" + i, "text", text))
                    .status()).isEqualTo(201);
        }

        TestSocket again = staffStream(lastSeen);
        List<JsonNode> replayed = new ArrayList<>();
        JsonNode frame;
        while (!(frame = again.next()).path("type").asText().equals("ready")) {
            replayed.add(frame);
        }
        // The four new visitors' first messages also opened conversations and got greetings: only user messages count.
        replayed.removeIf(f -> !f.path("type").asText().equals("message.created") || !f.at("/data/sender").asText().equals("user"));
        assertThat(replayed).extracting(f -> f.at("/data/text").asText()).containsExactlyElementsOf(sentTexts);
        List<Long> seqs = replayed.stream().map(f -> f.get("seq").asLong()).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(seqs.get(0)).isGreaterThan(lastSeen);

        api.post("/api/v1/widget/messages", visitorAuth(visitor), Map.of("client_id", "live", "text", "live one"));
        JsonNode live = again.nextOfType("message.created");
        assertThat(live.at("/data/text").asText()).isEqualTo("live one");
        assertThat(live.get("seq").asLong()).isGreaterThan(seqs.get(seqs.size() - 1));
        again.close();
    }

    @Test
    void visitorReconnectingGetsStaffRepliesSentWhileOffline() {
        JsonNode visitor = newVisitor();
        Api.Reply first = api.post("/api/v1/widget/messages", visitorAuth(visitor), Map.of("client_id", "a", "text", "hi"));
        long lastSeq = api.get("/api/v1/widget/messages", visitorAuth(visitor)).body().get("stream_seq").asLong();
        String conversationId = api.get("/api/v1/conversations", adminToken).body().at("/data/0/id").asText();
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/conversations/" + conversationId + "/messages", adminToken, Map.of("client_id", "s" + i, "text", "reply " + i));
        }
        TestSocket socket = visitorStream(visitor, lastSeq);
        List<JsonNode> frames = new ArrayList<>();
        JsonNode frame;
        while (!(frame = socket.next()).path("type").asText().equals("ready")) {
            frames.add(frame);
        }
        assertThat(frames).filteredOn(f -> f.path("type").asText().equals("message.created"))
                .extracting(f -> f.at("/data/text").asText()).containsExactly("reply 0", "reply 1", "reply 2");
        assertThat(first.body().get("client_id").asText()).isEqualTo("a");
        socket.close();
    }

    @Test
    void helloWithABadTokenClosesWith4401() {
        TestSocket socket = TestSocket.open(server.wsUrl("/api/v1/stream"));
        socket.send(Map.of("type", "hello", "data", Map.of("token", "not-a-token")));
        assertThat(socket.awaitClose()).isEqualTo(4401);
    }

    @Test
    void sendOverTheStreamIsAckedAfterCommitAndIdempotent() {
        JsonNode visitor = newVisitor();
        TestSocket socket = visitorStream(visitor, null);
        socket.nextOfType("ready");
        socket.send(Map.of("type", "message.send", "ref", "x1", "data", Map.of("client_id", "k1", "text", "over the socket")));
        JsonNode ack = socket.nextOfType("ack");
        assertThat(ack.at("/data/ok").asBoolean()).isTrue();
        assertThat(ack.at("/data/ref").asText()).isEqualTo("x1");
        socket.send(Map.of("type", "message.send", "ref", "x2", "data", Map.of("client_id", "k1", "text", "over the socket")));
        JsonNode second = socket.nextMatching(f -> f.path("type").asText().equals("ack") && f.at("/data/ref").asText().equals("x2"));
        assertThat(second.at("/data/result/id").asText()).isEqualTo(ack.at("/data/result/id").asText());
        JsonNode history = api.get("/api/v1/widget/messages", visitorAuth(visitor)).body();
        assertThat(history.get("data")).filteredOn(m -> m.get("sender").asText().equals("user")).hasSize(1);
        socket.close();
    }

    @Test
    void aSinceAheadOfTheServerGetsAResetAndTheStreamStaysLive() {
        TestSocket staff = staffStream(1_000_000L);
        JsonNode reset = staff.nextOfType("reset");
        assertThat(reset.at("/data/reason").asText()).isEqualTo("since_ahead");
        staff.nextOfType("ready");
        JsonNode visitor = newVisitor();
        api.post("/api/v1/widget/messages", visitorAuth(visitor), Map.of("client_id", "after-reset", "text", "still live"));
        assertThat(staff.nextOfType("message.created").at("/data/text").asText()).isEqualTo("still live");
        staff.close();
    }

    @Test
    void aReplayTooLargeForTheSocketsQueueIsAResetInsteadOfASlowConsumerClose() {
        try (TestServer bulky = TestServer.start(TestServer.withLifecycleOff(
                Map.of("OMNICHAT_MAX_MESSAGE_CHARS", "100000")))) {
            long tenant = bulky.server().bootstrap().orElseThrow().tenantId();
            String text = "z".repeat(100_000);
            for (int i = 0; i < 100; i++) {
                bulky.server().conversations().receiveFromContact(tenant, "webchat", "bulky-visitor", text + i, null);
            }
            try (TestSocket staff = TestSocket.open(bulky.wsUrl("/api/v1/stream"),
                    Map.of("Authorization", "Bearer " + bulky.api().loginAdmin()))) {
                // 100 events are far below the 5,000-event limit, but 10 MB is more than a replay may queue.
                staff.send(Map.of("type", "hello", "data", Map.of("since", 0)));

                JsonNode first = staff.next();
                assertThat(first.path("type").asText()).isEqualTo("reset");
                assertThat(first.at("/data/reason").asText()).isEqualTo("too_many");
                assertThat(staff.nextOfType("ready").at("/data/replayed").asInt()).isZero();
                assertThat(staff.isClosed()).isFalse();
            }
        }
    }
}
