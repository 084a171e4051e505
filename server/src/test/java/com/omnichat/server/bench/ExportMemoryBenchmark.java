package com.omnichat.server.bench;

import com.omnichat.server.exports.ExportSeed;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap while streaming exports of growing size: the server (same JVM) should need about the same peak heap for
 * 50,000 and 200,000 conversations, since it holds one row at a time. Not a test: it asserts nothing and writes its
 * figures to target/benchmarks/export-memory.txt.
 * Run with a small heap, so the collector runs and "peak used" means live data rather than uncollected garbage:
 * ./mvnw -pl server -am verify -Dgroups=benchmark -Dexcluded.test.groups=none -Dtest=ExportMemoryBenchmark
 * -DargLine=-Xmx96m
 */
@Tag("benchmark")
class ExportMemoryBenchmark {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @Test
    void peakHeapWhileStreamingGrowingExports() throws Exception {
        StringBuilder report = new StringBuilder("rows | format | bytes streamed | heap used before (MiB) | peak heap used during (MiB)\n");
        for (int rows : new int[]{50_000, 200_000}) {
            try (TestServer server = TestServer.start()) {
                String token = server.api().loginAdmin();
                ExportSeed.conversations(server.server().services().db(), server.server().bootstrap().orElseThrow().tenantId(), rows);
                for (String format : new String[]{"csv", "json"}) {
                    System.gc();
                    long before = MEMORY.getHeapMemoryUsage().getUsed();
                    AtomicLong peak = new AtomicLong(before);
                    AtomicBoolean running = new AtomicBoolean(true);
                    Thread sampler = new Thread(() -> {
                        while (running.get()) {
                            peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                            try {
                                Thread.sleep(5);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    });
                    sampler.start();
                    long bytes = download(server.baseUrl() + "/api/v1/exports/conversations?format=" + format, token);
                    running.set(false);
                    sampler.join();
                    report.append(String.format("%d | %s | %d | %.1f | %.1f%n", rows, format, bytes,
                            before / 1048576.0, peak.get() / 1048576.0));
                }
            }
        }
        report.append("max heap (MiB): ").append(MEMORY.getHeapMemoryUsage().getMax() / 1048576).append('\n');
        Path out = Path.of("target", "benchmarks", "export-memory.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.print(report);
    }

    /** Reads the response in 8 KiB chunks and throws them away, as a slow-ish client would. */
    private static long download(String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        byte[] buffer = new byte[8192];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
        }
        return total;
    }
}
