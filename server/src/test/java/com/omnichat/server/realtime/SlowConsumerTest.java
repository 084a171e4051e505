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

        void abort() {
            socket.abort();
        }
    }
}
