package com.omnichat.desktop.api;

import com.omnichat.protocol.Envelope;
import com.omnichat.protocol.JsonMapperFactory;
import com.omnichat.server.support.TestServer;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream client against a real server: live events, outage states, resume after restart without gaps or repeats. */
class StaffStreamTest {
    private TestServer server;
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<Envelope> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void goesOfflineAfterRepeatedFailuresThenResumesFromTheLastSeqExactlyOnce() throws Exception {
        var json = JsonMapperFactory.create();
        String token = RestClient.login(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD, new OkHttpClient(), json);
        long since = new RestClient(server.baseUrl(), token, new OkHttpClient(), json).conversations(null, 1).streamSeq();
        String visitor = server.api().newVisitor(server.server().bootstrap().orElseThrow().siteKey());
        Backoff fast = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), () -> 0.5);

        try (StaffStream stream = new StaffStream(server.baseUrl(), token, since, fast, json, new Recorder())) {
            stream.start();
            await(() -> states.contains(ConnectionState.CONNECTED));
            say(visitor, "before", "c-before");
            await(() -> texts().contains("before"));

            server.whileStopped(() -> await(() -> states.contains(ConnectionState.OFFLINE)));
            say(visitor, "during 1", "c-during-1");
            say(visitor, "during 2", "c-during-2");
            await(() -> texts().contains("during 2"));
            // The replay comes before "ready"; the state says connected once the replay is over.
            await(() -> states.lastIndexOf(ConnectionState.CONNECTED) > states.indexOf(ConnectionState.OFFLINE));

            assertThat(states).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.RECONNECTING,
                    ConnectionState.OFFLINE, ConnectionState.CONNECTED);
            assertThat(texts()).containsSubsequence("before", "during 1", "during 2").doesNotHaveDuplicates();
            List<Long> seqs = events.stream().filter(e -> e.seq() != null).map(Envelope::seq).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(stream.lastSeq()).isEqualTo(seqs.get(seqs.size() - 1));
        }
        assertThat(states).last().isEqualTo(ConnectionState.STOPPED);
    }

    @Test
    void refusedTokenStopsReconnectingAndSaysSo() throws Exception {
        List<Boolean> refused = new CopyOnWriteArrayList<>();
        Backoff fast = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), () -> 0.5);
        try (StaffStream stream = new StaffStream(server.baseUrl(), "not-a-token", 0, fast, JsonMapperFactory.create(), new Recorder() {
            @Override
            public void onAuthenticationFailed() {
                refused.add(true);
            }
        })) {
            stream.start();
            await(() -> !refused.isEmpty());
            // Stopped before any reconnect could be scheduled.
            assertThat(refused).hasSize(1);
            assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.STOPPED);
        }
    }

    private List<String> texts() {
        return events.stream().filter(e -> "message.created".equals(e.type()) && "user".equals(e.data().path("sender").asText()))
                .map(e -> e.data().path("text").asText()).toList();
    }

    private void say(String visitor, String text, String clientId) {
        assertThat(server.api().post("/api/v1/widget/messages", visitor, Map.of("client_id", clientId, "text", text)).status())
                .isEqualTo(201);
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(condition::getAsBoolean);
    }

    private class Recorder implements StreamListener {
        @Override
        public void onState(ConnectionState state) {
            states.add(state);
        }

        @Override
        public void onEvent(Envelope event) {
            events.add(event);
        }

        @Override
        public void onReady(long headSeq) {
        }

        @Override
        public void onReset(long headSeq) {
        }

        @Override
        public void onAuthenticationFailed() {
        }
    }
}
