package com.omnichat.server.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The caps of the legacy sockets (PROTOCOL.md §A.11, §A.12): per conversation, per staff user, snapshot bytes. */
class LegacySocketCapsTest {
    private TestServer server;
    private Api api;
    private String token;

    @BeforeEach
    void start() {
        server = TestServer.start(TestServer.LIFECYCLE_OFF);
        api = server.api();
        token = api.loginAdmin();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void visitorSays(String userId, String text) {
        assertThat(api.post("/webchat", null, Map.of("user_id", userId, "text", text)).status()).isEqualTo(200);
    }

    private void staffSays(String userId, String text) {
        assertThat(api.post("/admin/api/send", token, Map.of("user_id", userId, "channel", "webchat", "text", text))
                .status()).isEqualTo(200);
    }

    @Test
    void aSixthSocketForOneVisitorIsClosedWith1008AndTheOpenFiveKeepReceiving() {
        visitorSays("visitor-tabs", "hello");
        List<TestSocket> tabs = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                tabs.add(TestSocket.open(server.wsUrl("/ws/visitor-tabs")));
            }
            staffSays("visitor-tabs", "first reply");
            for (TestSocket tab : tabs) {
                assertThat(tab.next().get("text").asText()).as("every tab is registered").isEqualTo("first reply");
            }

            try (TestSocket sixth = TestSocket.open(server.wsUrl("/ws/visitor-tabs"))) {
                assertThat(sixth.awaitClose()).isEqualTo(1008);
            }

            staffSays("visitor-tabs", "second reply");
            for (TestSocket tab : tabs) {
                assertThat(tab.next().get("text").asText()).isEqualTo("second reply");
            }
            visitorSays("visitor-other", "hello");
            try (TestSocket other = TestSocket.open(server.wsUrl("/ws/visitor-other"))) {
                staffSays("visitor-other", "the cap is per visitor");
                assertThat(other.next().get("text").asText()).isEqualTo("the cap is per visitor");
            }
        } finally {
            tabs.forEach(TestSocket::close);
        }
    }

    @Test
    void anEleventhStaffSocketOfOneUserIsClosedWith1008AndAnotherUserStillConnects() {
        visitorSays("visitor-snap", "hello");
        List<TestSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                TestSocket socket = TestSocket.open(server.wsUrl("/admin-ws?token=" + token));
                socket.nextOfType("snapshot");
                sockets.add(socket);
            }

            try (TestSocket eleventh = TestSocket.open(server.wsUrl("/admin-ws?token=" + token))) {
                assertThat(eleventh.awaitClose()).isEqualTo(1008);
            }

            assertThat(api.post("/api/v1/users", token, Map.of("email", "jane@dwc.com", "name", "Jane",
                    "role", "staff", "password", "jane-password-123")).status()).isEqualTo(201);
            try (TestSocket jane = TestSocket.open(server.wsUrl("/admin-ws?token=" + api.login("jane@dwc.com",
                    "jane-password-123")))) {
                assertThat(jane.nextOfType("snapshot").at("/data/user_id").asText()).isEqualTo("visitor-snap");
            }
            visitorSays("visitor-snap", "still there?");
            for (TestSocket socket : sockets) {
                assertThat(socket.nextMatching(f -> f.path("sender").asText().equals("user")).get("text").asText())
                        .isEqualTo("still there?");
            }
        } finally {
            sockets.forEach(TestSocket::close);
        }
    }

    @Test
    void theSnapshotOfManyLongConversationsKeepsTheNewestMessagesWithinItsByteBudget() {
        long tenant = server.server().bootstrap().orElseThrow().tenantId();
        String longText = "x".repeat(9_000);
        int conversations = 60;
        for (int i = 0; i < conversations; i++) {
            for (int m = 0; m < 10; m++) {
                server.server().conversations().receiveFromContact(tenant, "webchat", "long-" + i, longText + m, null);
            }
        }

        try (TestSocket staff = TestSocket.open(server.wsUrl("/admin-ws?token=" + token))) {
            JsonNode first = staff.nextOfType("snapshot");
            // Snapshots are sent one socket after the other: once a second socket has its first frame, the first
            // socket's snapshot is all queued, and a message broadcast now comes after its last frame.
            try (TestSocket second = TestSocket.open(server.wsUrl("/admin-ws?token=" + token))) {
                second.nextOfType("snapshot");
            }
            visitorSays("marker", "after the snapshot");
            List<JsonNode> snapshot = new ArrayList<>(List.of(first));
            while (true) {
                JsonNode frame = staff.next();
                if (frame.path("user_id").asText().equals("marker")) {
                    break;
                }
                snapshot.add(frame);
            }

            assertThat(snapshot).allMatch(frame -> frame.path("type").asText().equals("snapshot"));
            long bytes = snapshot.stream().mapToLong(f -> Api.json(f).getBytes(StandardCharsets.UTF_8).length).sum();
            assertThat(bytes).isLessThanOrEqualTo(4L * 1024 * 1024);
            assertThat(snapshot).as("every open conversation is listed").hasSize(conversations);
            assertThat(first.at("/data/user_id").asText()).isEqualTo("long-" + (conversations - 1));
            assertThat(first.at("/data/messages")).as("the newest with greeting and all ten messages").hasSize(11);
            JsonNode oldest = snapshot.get(conversations - 1);
            assertThat(oldest.at("/data/user_id").asText()).isEqualTo("long-0");
            assertThat(oldest.at("/data/messages")).as("the oldest without what did not fit").isEmpty();
            assertThat(oldest.at("/data/message_count").asInt()).isEqualTo(11);
        }
    }

    @Test
    void visitorSocketsFromOneAddressStopAtTwoHundredAcrossBothApis() {
        String siteKey = server.server().bootstrap().orElseThrow().siteKey();
        List<TestSocket> open = new ArrayList<>();
        try {
            for (int v = 0; v < 10; v++) {
                String visitor = api.newVisitor(siteKey).substring("Visitor ".length());
                for (int i = 0; i < 5; i++) {
                    open.add(visitorStream(visitor));
                    open.get(open.size() - 1).nextOfType("ready");
                }
            }
            for (int id = 0; id < 30; id++) {
                for (int i = 0; i < 5; i++) {
                    open.add(TestSocket.open(server.wsUrl("/ws/visitor-many-" + id)));
                }
            }
            assertThat(eventually(() -> legacyVisitorSockets() == 150)).as("all 150 legacy sockets registered").isTrue();

            try (TestSocket oneTooMany = TestSocket.open(server.wsUrl("/api/v1/widget/stream"))) {
                assertThat(oneTooMany.awaitClose()).isEqualTo(4429);
            }
            assertThat(open).noneMatch(TestSocket::isClosed);
        } finally {
            open.forEach(TestSocket::close);
        }
    }

    /** A visitor stream that said hello; {@code credentials} is {@code visitor_id:visitor_secret}. */
    private TestSocket visitorStream(String credentials) {
        TestSocket socket = TestSocket.open(server.wsUrl("/api/v1/widget/stream"));
        int colon = credentials.indexOf(':');
        socket.send(Map.of("type", "hello", "data", Map.of("visitor_id", credentials.substring(0, colon),
                "visitor_secret", credentials.substring(colon + 1))));
        return socket;
    }

    private int legacyVisitorSockets() {
        int[] count = {0};
        server.server().services().hub().forEachLegacy(session -> {
            if (session.visitorKey() != null) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** Waits up to 30 s for sockets the server registers on its own threads; never asserts how long it took. */
    private static boolean eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return condition.getAsBoolean();
    }
}
