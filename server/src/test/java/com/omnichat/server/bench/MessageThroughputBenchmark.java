package com.omnichat.server.bench;

import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.support.TestServer;
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
            CountingSocket staff = new CountingSocket(server.wsUrl("/api/v1/stream"), token);
            ConversationService conversations = server.server().conversations();
            long tenant = server.server().bootstrap().orElseThrow().tenantId();

            warmUp(conversations, tenant);
            long writerCpuBefore = writerCpuNanos();
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
            double writerCpuMicrosPerMessage = (writerCpuNanos() - writerCpuBefore) / 1e3 / MESSAGES;
            long delivered = staff.awaitMessages(MESSAGES + 2_000);
            staff.close();
            write(seconds, latencies, delivered, writerCpuMicrosPerMessage);
        }
    }

    private static void warmUp(ConversationService conversations, long tenant) {
        List<CompletableFuture<?>> warm = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            warm.add(conversations.receiveFromContactAsync(tenant, "webchat", "warm-" + (i % 50), "warm " + i, "w" + i));
        }
        CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).join();
    }

    /** CPU time of the single writer thread: what bounds throughput, and unaffected by other load on the machine. */
    private static long writerCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("omnichat-writer"))
                .mapToLong(t -> threads.getThreadCpuTime(t.getId()))
                .sum();
    }

    private static void write(double seconds, long[] latencies, long delivered, double writerCpuMicros) throws Exception {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        String report = String.format("""
                messages: %d from %d visitors, %d in flight, one staff stream connected
                elapsed_seconds: %.2f
                messages_per_second: %.0f
                commit_ack_latency_ms_p50: %.2f
                commit_ack_latency_ms_p99: %.2f
                commit_ack_latency_ms_max: %.2f
                message_frames_delivered_to_staff_stream: %d (warm-up included)
                writer_cpu_microseconds_per_message: %.1f
                cores: %d
                """, MESSAGES, VISITORS, IN_FLIGHT, seconds, MESSAGES / seconds,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6,
                delivered, writerCpuMicros, Runtime.getRuntime().availableProcessors());
        Path out = Path.of("target", "benchmarks", "message-throughput.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.print(report);
    }

    /** A staff stream client that only counts message frames, so the benchmark's own client costs little CPU. */
    private static final class CountingSocket implements java.net.http.WebSocket.Listener {
        private final java.util.concurrent.atomic.AtomicLong messages = new java.util.concurrent.atomic.AtomicLong();
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final java.net.http.WebSocket socket;

        CountingSocket(String url, String token) {
            socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(java.net.URI.create(url), this).join();
            socket.sendText("{\"type\":\"hello\",\"seq\":null,\"data\":{}}", true).join();
            ready.join();
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
            String frame = data.toString();
            if (frame.startsWith("{\"type\":\"message.created\"")) {
                messages.incrementAndGet();
            } else if (frame.startsWith("{\"type\":\"ready\"")) {
                ready.complete(null);
            }
            webSocket.request(1);
            return null;
        }

        long awaitMessages(long expected) throws InterruptedException {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (messages.get() < expected && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.sleep(5);
            }
            return messages.get();
        }

        void close() {
            socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
