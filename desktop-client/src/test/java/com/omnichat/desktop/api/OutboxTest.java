package com.omnichat.desktop.api;

import com.omnichat.protocol.JsonMapperFactory;
import com.omnichat.protocol.MessageView;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox against a real server: replies survive a restart of the app, and a resend never duplicates. */
class OutboxTest {
    @TempDir
    Path dir;
    private TestServer server;
    private RestClient rest;
    private String conversationId;

    @BeforeEach
    void start() {
        server = TestServer.start();
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        var json = JsonMapperFactory.create();
        String token = RestClient.login(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD, http, json);
        rest = new RestClient(server.baseUrl(), token, http, json);
        String visitor = server.api().newVisitor(server.server().bootstrap().orElseThrow().siteKey());
        server.api().post("/api/v1/widget/messages", visitor, Map.of("client_id", "c1", "text", "Hi"));
        conversationId = rest.conversations(null, 10).data().get(0).id();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void replyKeptOnDiskIsSentByTheNextRunExactlyOnce() throws Exception {
        Path file = dir.resolve("outbox.json");
        PendingReply reply = new PendingReply(UUID.randomUUID().toString(), conversationId, "Kept across runs", "2026-11-25T10:00:00.000000Z");
        // First run: the server has the reply already (sent, but the confirmation was lost), the file still lists it.
        rest.send(conversationId, reply.clientId(), reply.text());
        new ObjectMapperWriter(file).write(List.of(reply));

        Recorder recorder = new Recorder(1);
        try (Outbox outbox = new Outbox(file, rest::send, recorder, JsonMapperFactory.create())) {
            assertThat(outbox.pending()).containsExactly(reply);
            outbox.flush();
            assertThat(recorder.done.await(15, TimeUnit.SECONDS)).isTrue();
            assertThat(outbox.pending()).isEmpty();
        }
        assertThat(recorder.sent).extracting(MessageView::clientId).containsExactly(reply.clientId());
        long copies = rest.messages(conversationId, null, 100).data().stream()
                .filter(m -> "Kept across runs".equals(m.text())).count();
        assertThat(copies).isEqualTo(1);
        try (Outbox reopened = new Outbox(file, rest::send, recorder, JsonMapperFactory.create())) {
            assertThat(reopened.pending()).isEmpty();
        }
    }

    @Test
    void replyToAConversationThatDoesNotExistIsRejectedNotRetriedForever() throws Exception {
        Recorder recorder = new Recorder(1);
        try (Outbox outbox = new Outbox(dir.resolve("outbox.json"), rest::send, recorder, JsonMapperFactory.create())) {
            outbox.add(new PendingReply("x1", "c_doesnotexist", "Lost", "2026-11-25T10:00:00.000000Z"));
            assertThat(recorder.done.await(15, TimeUnit.SECONDS)).isTrue();
            assertThat(recorder.rejected).singleElement().extracting(ApiFailure::kind).isEqualTo(ApiFailure.Kind.NOT_FOUND);
            assertThat(outbox.pending()).isEmpty();
        }
    }

    @Test
    void unreachableServerKeepsTheReplyForLater() {
        server.close();
        Recorder recorder = new Recorder(1);
        try (Outbox outbox = new Outbox(dir.resolve("outbox.json"), rest::send, recorder, JsonMapperFactory.create())) {
            PendingReply reply = new PendingReply("x2", conversationId, "Later", "2026-11-25T10:00:00.000000Z");
            outbox.add(reply);
            assertThat(outbox.pending()).containsExactly(reply);
            try (Outbox afterRestart = new Outbox(dir.resolve("outbox.json"), rest::send, recorder, JsonMapperFactory.create())) {
                assertThat(afterRestart.pending()).containsExactly(reply);
            }
        }
        server = TestServer.start();
    }

    private record ObjectMapperWriter(Path file) {
        void write(List<PendingReply> replies) throws Exception {
            JsonMapperFactory.create().writeValue(file.toFile(), replies);
        }
    }

    private static final class Recorder implements Outbox.Listener {
        final List<MessageView> sent = new CopyOnWriteArrayList<>();
        final List<ApiFailure> rejected = new CopyOnWriteArrayList<>();
        final CountDownLatch done;

        Recorder(int expected) {
            done = new CountDownLatch(expected);
        }

        @Override
        public void onSent(PendingReply reply, MessageView message) {
            sent.add(message);
            done.countDown();
        }

        @Override
        public void onRejected(PendingReply reply, ApiFailure failure) {
            rejected.add(failure);
            done.countDown();
        }

        @Override
        public void onUnauthenticated() {
            done.countDown();
        }
    }
}
