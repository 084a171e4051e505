package com.omnichat.server.realtime;

import com.omnichat.server.auth.Principal;
import com.omnichat.server.auth.Role;
import com.omnichat.server.conversations.ConversationRef;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.support.Scrape;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** A visitor whose socket stops reading must not hold up anyone else: its bounded queue fills and it is dropped. */
class SlowConsumerTest {
    private static final int REPLIES = 2_500;

    @Test
    void aStalledVisitorSocketDoesNotStallTheStaffStream() {
        try (TestServer server = TestServer.start()) {
            String token = server.api().loginAdmin();
            server.api().post("/webchat", null, Map.of("user_id", "stalled-visitor", "text", "hello"));
            StalledSocket stalled = new StalledSocket(server.wsUrl("/ws/stalled-visitor"));
            TestSocket staff = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + token));
            staff.send(Map.of("type", "hello", "data", Map.of()));
            staff.nextOfType("ready");

            ConversationService conversations = server.server().conversations();
            long tenant = server.server().bootstrap().orElseThrow().tenantId();
            long adminId = server.server().bootstrap().orElseThrow().adminId();
            Principal admin = new Principal(adminId, tenant, TestServer.ADMIN_EMAIL, "Default Admin", Role.ADMIN, null,
                    Long.MAX_VALUE / 1000);
            String big = "x".repeat(9_000);
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < REPLIES; i++) {
                sent.add(conversations.replyAsStaffAsync(admin, new ConversationRef.ByKey("webchat", "stalled-visitor"),
                        big + i, "bulk-" + i));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();

            List<com.fasterxml.jackson.databind.JsonNode> received = staff.collect(REPLIES,
                    f -> f.path("type").asText().equals("message.created") && f.at("/data/sender").asText().equals("staff"));
            assertThat(received).hasSize(REPLIES);
            assertThat(received.get(REPLIES - 1).at("/data/text").asText()).endsWith(Integer.toString(REPLIES - 1));
            assertThat(eventually(() -> !server.server().services().hub().visitorOnline(tenant, "stalled-visitor")))
                    .as("the stalled socket was dropped").isTrue();
            Scrape scrape = Scrape.of(server.api());
            assertThat(scrape.get("omnichat_stream_dropped_total", "reason", "slow_consumer"))
                    .as("the drop is counted, once").isEqualTo(1);
            assertThat(scrape.get("omnichat_stream_connections", "kind", "visitor_ws")).isZero();
            assertThat(scrape.get("omnichat_messages_total", "channel", "webchat", "sender", "staff")).isEqualTo(REPLIES);
            staff.close();
            stalled.abort();
        }
    }

    @Test
    void aVisitorSocketThatStopsReadingIsClosedWith1013OnceAMegabyteWaitsNotAThousandFrames() {
        try (TestServer server = TestServer.start(TestServer.withLifecycleOff(
                Map.of("OMNICHAT_MAX_MESSAGE_CHARS", "100000")))) {
            server.api().post("/webchat", null, Map.of("user_id", "frozen-tab", "text", "hello"));
            StalledSocket stalled = new StalledSocket(server.wsUrl("/ws/frozen-tab"));
            long tenant = server.server().bootstrap().orElseThrow().tenantId();
            Hub hub = server.server().services().hub();
            assertThat(eventually(() -> hub.visitorOnline(tenant, "frozen-tab"))).isTrue();

            // 300 frames of 100 kB: far below the 1,000-frame bound, 30 MB were the queue unbounded in bytes.
            Principal admin = adminOf(server);
            String big = "y".repeat(100_000);
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                sent.add(server.server().conversations().replyAsStaffAsync(admin,
                        new ConversationRef.ByKey("webchat", "frozen-tab"), big, "big-" + i));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();

            assertThat(eventually(() -> !openOnServer(hub, "frozen-tab")))
                    .as("the server gave up on the socket").isTrue();
            stalled.startReading();
            assertThat(stalled.closeCode()).isEqualTo(1013);
            stalled.abort();
        }
    }

    private static Principal adminOf(TestServer server) {
        var created = server.server().bootstrap().orElseThrow();
        return new Principal(created.adminId(), created.tenantId(), TestServer.ADMIN_EMAIL, "Default Admin", Role.ADMIN,
                null, Long.MAX_VALUE / 1000);
    }

    private static boolean openOnServer(Hub hub, String visitorKey) {
        boolean[] open = {false};
        hub.forEachLegacy(session -> {
            if (visitorKey.equals(session.visitorKey()) && session.sender().isOpen()) {
                open[0] = true;
            }
        });
        return open[0];
    }

    /** Waits for a condition, up to 30 s; the server drops the socket once its queue is full, not at a set time. */
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

    /** Reads the first frame it is offered and then nothing more, like a frozen browser tab. */
    private static final class StalledSocket implements WebSocket.Listener {
        private final WebSocket socket;

        StalledSocket(String url) {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), this).join();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            // no request(): the client stops reading, the server's writes to it back up
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            return null;
        }

        private final CompletableFuture<Integer> closed = new CompletableFuture<>();

        /** Reads everything from now on, as a tab that wakes up does: what was queued, then the close frame. */
        void startReading() {
            socket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        int closeCode() {
            return closed.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        }

        void abort() {
            socket.abort();
        }
    }
}
