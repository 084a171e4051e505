package com.omnichat.server.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Resident memory of a server process holding 10,000 idle legacy visitor sockets (/ws/{user_id}), the widget's
 * resting state. The server runs as its own process with default JVM settings, like ./run.sh starts it; the
 * clients are bare NIO sockets that only do the upgrade handshake, so they cost the server what real idle browsers
 * do. Not a test: writes target/benchmarks/idle-visitor-sockets.txt.
 * Run: ./mvnw -pl server -am verify -Dgroups=benchmark -Dexcluded.test.groups=none
 */
@Tag("benchmark")
class IdleVisitorSocketsBenchmark {
    private static final int SOCKETS = 10_000;

    @Test
    void residentMemoryWithTenThousandIdleVisitorSockets() throws Exception {
        Path dataDir = Files.createTempDirectory("omnichat-bench");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.omnichat.server.Main")
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile());
        builder.environment().put("OMNICHAT_DATA_DIR", dataDir.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("OMNICHAT_HOST", "127.0.0.1");
        builder.environment().put("OMNICHAT_ENV", "development");
        builder.environment().put("OMNICHAT_TRUST_PROXY", "true");
        builder.environment().put("OMNICHAT_LOG_LEVEL", "warn");
        Process server = builder.start();
        List<SocketChannel> sockets = new ArrayList<>(SOCKETS);
        try {
            awaitHealthy(port);
            long idleRss = rssKb(server.pid());
            for (int i = 0; i < SOCKETS; i++) {
                sockets.add(upgrade(port, "idle-visitor-" + i, i));
            }
            System.gc();
            long loadedRss = rssKb(server.pid());
            String report = String.format("""
                    idle_visitor_sockets: %d
                    server_rss_mb_before: %.1f
                    server_rss_mb_with_sockets: %.1f
                    rss_kb_per_socket: %.1f
                    jvm: default settings (as ./run.sh starts it), %d cores
                    """, sockets.size(), idleRss / 1024.0, loadedRss / 1024.0,
                    (loadedRss - idleRss) / (double) sockets.size(), Runtime.getRuntime().availableProcessors());
            Path out = Path.of("target", "benchmarks", "idle-visitor-sockets.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.print(report);
        } finally {
            for (SocketChannel socket : sockets) {
                socket.close();
            }
            server.destroy();
            server.waitFor();
        }
    }

    /** A WebSocket upgrade by hand; each socket claims its own forwarded address, as visitors behind a proxy do. */
    private static SocketChannel upgrade(int port, String userId, int n) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET /ws/" + userId + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "X-Forwarded-For: 127." + (n / 65536 % 256) + "." + (n / 256 % 256) + "." + (n % 256) + "\r\n\r\n";
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer response = ByteBuffer.allocate(1024);
        while (!new String(response.array(), 0, response.position(), StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
            if (channel.read(response) < 0) {
                throw new IOException("server closed socket " + n);
            }
        }
        String head = new String(response.array(), 0, response.position(), StandardCharsets.US_ASCII);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade " + n + " refused: " + head.lines().findFirst().orElse(""));
        }
        return channel;
    }

    private static void awaitHealthy(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("server did not start");
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }
}
