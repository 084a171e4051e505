package com.omnichat.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Contact messages per second through the real storage path (single writer, group commit, event log) and fan-out to a
 * connected staff stream, with the latency from submit to commit acknowledgement. Not a test: it asserts nothing
 * about speed and writes its figures to target/benchmarks/message-throughput.txt.
 * Run: ./mvnw -pl server -am verify -Dgroups=benchmark -Dexcluded.test.groups=none
 */
@Tag("benchmark")
class MessageThroughputBenchmark {
    private static final int MESSAGES = 30_000;
    private static final int VISITORS = 500;
    private static final int IN_FLIGHT = 256;

    @Test
    void contactMessagesPerSecond() throws Exception {
        try (TestServer server = TestServer.start()) {
            String token = server.api().loginAdmin();
            TestSocket staff = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + token));
            staff.send(Map.of("type", "hello", "data", Map.of()));
            staff.nextOfType("ready");
            ConversationService conversations = server.server().conversations();
            long tenant = server.server().bootstrap().orElseThrow().tenantId();

            warmUp(conversations, tenant);
            long[] latencies = new long[MESSAGES];
            Semaphore window = new Semaphore(IN_FLIGHT);
            List<CompletableFuture<?>> all = new ArrayList<>(MESSAGES);
            long start = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                window.acquire();
                int n = i;
                long submitted = System.nanoTime();
                all.add(conversations.receiveFromContactAsync(tenant, "webchat", "bench-" + (i % VISITORS), "message " + i, "b" + i)
                        .whenComplete((r, e) -> {
                            latencies[n] = System.nanoTime() - submitted;
                            window.release();
                        }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            int delivered = countDelivered(staff);
            staff.close();
            write(seconds, latencies, delivered);
        }
    }

    private static void warmUp(ConversationService conversations, long tenant) {
        List<CompletableFuture<?>> warm = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            warm.add(conversations.receiveFromContactAsync(tenant, "webchat", "warm-" + (i % 50), "warm " + i, "w" + i));
        }
        CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).join();
    }

    private static int countDelivered(TestSocket staff) {
        int count = 0;
        while (count < MESSAGES) {
            JsonNode frame = staff.next();
            if (frame.path("type").asText().equals("message.created")
                    && frame.at("/data/text").asText().startsWith("message ")) {
                count++;
            }
        }
        return count;
    }

    private static void write(double seconds, long[] latencies, int delivered) throws Exception {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        String report = String.format("""
                messages: %d from %d visitors, %d in flight, one staff stream connected
                elapsed_seconds: %.2f
                messages_per_second: %.0f
                commit_ack_latency_ms_p50: %.2f
                commit_ack_latency_ms_p99: %.2f
                commit_ack_latency_ms_max: %.2f
                delivered_to_staff_stream: %d
                cores: %d
                """, MESSAGES, VISITORS, IN_FLIGHT, seconds, MESSAGES / seconds,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6,
                delivered, Runtime.getRuntime().availableProcessors());
        Path out = Path.of("target", "benchmarks", "message-throughput.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.print(report);
    }
}
