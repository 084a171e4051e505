package com.omnichat.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class DurabilityAndConcurrencyTest {
    private TestServer server;
    private Api api;
    private String siteKey;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
    }

    @AfterEach
    void stop() {
        server.close();
    }


    @Test
    void everyAcknowledgedMessageIsStillThereAfterARestart() {
        String visitor = api.newVisitor(siteKey);
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Api.Reply reply = api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "r" + i, "text", "before restart " + i));
            assertThat(reply.status()).isEqualTo(201);
            acknowledged.add(reply.body().get("id").asText());
        }

        server.restart();

        JsonNode history = server.api().get("/api/v1/widget/messages?limit=500", visitor).body();
        assertThat(history.get("data")).extracting(m -> m.get("id").asText()).containsAll(acknowledged);
        String admin = server.api().loginAdmin();
        JsonNode conversation = server.api().get("/api/v1/conversations", admin).body().at("/data/0");
        assertThat(conversation.get("message_count").asInt()).isEqualTo(21);
    }

    @Test
    void twentyConcurrentFirstMessagesFromOneVisitorMakeOneConversationAndLoseNothing() throws Exception {
        String visitor = api.newVisitor(siteKey);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                go.await();
                return api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "t" + n, "text", "thread " + n)).status();
            }));
        }
        go.countDown();
        for (Future<Integer> result : results) {
            assertThat(result.get()).isEqualTo(201);
        }
        pool.shutdown();

        String admin = api.loginAdmin();
        JsonNode conversations = api.get("/api/v1/conversations", admin).body().get("data");
        assertThat(conversations).hasSize(1);
        JsonNode messages = api.get("/api/v1/conversations/" + conversations.get(0).get("id").asText() + "/messages?limit=500", admin)
                .body().get("data");
        assertThat(messages).filteredOn(m -> m.get("sender").asText().equals("user")).hasSize(20);
        assertThat(messages).filteredOn(m -> m.get("sender").asText().equals("system")).hasSize(1);
    }
}
