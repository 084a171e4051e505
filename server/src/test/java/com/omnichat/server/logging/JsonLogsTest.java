package com.omnichat.server.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as the operator runs it (a child process started like ./run.sh), with OMNICHAT_LOG_FORMAT=json and the
 * most talkative level: every log line is one JSON object with the agreed fields, requests carry their id and tenant,
 * and a whole conversation leaves no message text, token, secret or password in the log.
 */
class JsonLogsTest {
    private static final Pattern RUNNING = Pattern.compile("is running at http://localhost:(\\d+)");
    private static final Pattern SITE_KEY = Pattern.compile("Widget site key: (\\S+)");
    private static final String METRICS_TOKEN = "metrics-token-never-logged-0042";
    private static final String VISITOR_TEXT = "my card number is 4111-secret-visitor-text";
    private static final String STAFF_TEXT = "staff-reply-text-that-stays-private";
    private static final String SOCKET_TEXT = "socket-text-that-stays-private";
    private static final String WRONG_PASSWORD = "wrong-password-never-logged";
    private static final String QUERY_NEEDLE = "query-needle-never-logged";

    private Path dir;
    private Process server;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("omnichat-jsonlogs");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.omnichat.server.Main")
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        Map<String, String> env = builder.environment();
        env.put("OMNICHAT_DATA_DIR", dir.resolve("data").toString());
        env.put("PORT", "0");
        env.put("OMNICHAT_HOST", "127.0.0.1");
        env.put("JWT_SECRET", TestServer.JWT_SECRET);
        env.put("OMNICHAT_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        env.put("OMNICHAT_LOG_FORMAT", "json");
        env.put("OMNICHAT_LOG_LEVEL", "debug");
        env.put("OMNICHAT_NODE_ID", "node-a");
        env.put("OMNICHAT_METRICS_TOKEN", METRICS_TOKEN);
        server = builder.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server.isAlive()) {
            server.destroyForcibly().waitFor();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private Matcher awaitStdout(Pattern pattern) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Matcher matcher = pattern.matcher(Files.readString(dir.resolve("stdout.txt")));
            if (matcher.find()) {
                return matcher;
            }
            assertThat(server.isAlive()).as("server exited: " + Files.readString(dir.resolve("stderr.txt"))).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not say it runs: " + Files.readString(dir.resolve("stderr.txt")));
    }

    @Test
    void everyLineIsAJsonObjectWithTheFieldsAndAConversationLeavesNoSecretBehind() throws Exception {
        int port = Integer.parseInt(awaitStdout(RUNNING).group(1));
        String siteKey = awaitStdout(SITE_KEY).group(1);
        Api api = new Api("http://127.0.0.1:" + port);

        JsonNode session = api.post("/api/v1/widget/sessions", null, Map.of("site_key", siteKey)).body();
        String visitorSecret = session.get("visitor_secret").asText();
        String visitor = "Visitor " + session.get("visitor_id").asText() + ":" + visitorSecret;
        assertThat(api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "v1", "text", VISITOR_TEXT))
                .status()).isBetween(200, 201);
        assertThat(api.form("/api/v1/auth/login", Map.of("username", TestServer.ADMIN_EMAIL, "password", WRONG_PASSWORD))
                .status()).isEqualTo(401);
        String token = api.loginAdmin();
        String conversation = api.get("/api/v1/conversations?q=" + QUERY_NEEDLE, token).status() == 200
                ? api.get("/api/v1/conversations", token).body().at("/data/0/id").asText() : null;
        Api.Reply reply = api.raw("POST", "/api/v1/conversations/" + conversation + "/messages", token,
                "application/json", Api.json(Map.of("client_id", "s1", "text", STAFF_TEXT)),
                Map.of("X-Request-Id", "trace-abc.123"));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("X-Request-Id")).isEqualTo("trace-abc.123");
        try (TestSocket stream = TestSocket.open("ws://127.0.0.1:" + port + "/api/v1/stream")) {
            stream.send(Map.of("type", "hello", "data", Map.of("token", token)));
            stream.nextOfType("ready");
            stream.send(Map.of("type", "message.send", "ref", "r1",
                    "data", Map.of("conversation_id", conversation, "client_id", "s2", "text", SOCKET_TEXT)));
            stream.nextOfType("ack");
        }
        try (TestSocket legacy = TestSocket.open("ws://127.0.0.1:" + port + "/admin-ws?token=" + token)) {
            legacy.nextOfType("snapshot");
        }
        assertThat(api.raw("GET", "/metrics", METRICS_TOKEN, null, null, Map.of("X-Forwarded-For", "203.0.113.9"))
                .status()).isEqualTo(200);

        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();

        List<String> lines = Files.readAllLines(dir.resolve("stderr.txt"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        List<JsonNode> entries = new ArrayList<>();
        for (String line : lines) {
            JsonNode entry = parse(line);
            for (String field : List.of("time", "level", "logger", "message", "node_id")) {
                assertThat(entry.hasNonNull(field)).as(field + " in " + line).isTrue();
            }
            assertThat(entry.get("node_id").asText()).isEqualTo("node-a");
            assertThat(entry.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            entries.add(entry);
        }
        JsonNode traced = entries.stream()
                .filter(e -> e.get("message").asText().startsWith("POST /api/v1/conversations/{id}/messages 201"))
                .findFirst().orElseThrow(() -> new AssertionError("no access line for the staff reply in " + lines));
        assertThat(traced.get("logger").asText()).endsWith("AccessLog");
        assertThat(traced.get("request_id").asText()).isEqualTo("trace-abc.123");
        assertThat(traced.get("tenant_id").asText()).isEqualTo("1");
        JsonNode visitorLine = entries.stream()
                .filter(e -> e.get("message").asText().startsWith("POST /api/v1/widget/messages "))
                .findFirst().orElseThrow(() -> new AssertionError("no access line for the visitor message"));
        assertThat(visitorLine.get("request_id").asText()).matches("[0-9a-f]{16}");
        assertThat(visitorLine.get("tenant_id").asText()).isEqualTo("1");
        assertThat(entries).anyMatch(e -> e.get("message").asText().startsWith("GET /api/v1/conversations 200"));
        assertThat(entries).anyMatch(e -> e.get("message").asText().startsWith("GET /metrics 200")
                && e.get("level").asText().equals("DEBUG"));

        String everything = Files.readString(dir.resolve("stderr.txt")) + Files.readString(dir.resolve("stdout.txt"));
        for (String secret : List.of(VISITOR_TEXT, STAFF_TEXT, SOCKET_TEXT, token, visitorSecret, WRONG_PASSWORD,
                TestServer.ADMIN_PASSWORD, TestServer.JWT_SECRET, METRICS_TOKEN, QUERY_NEEDLE)) {
            assertThat(everything).as("the log keeps out " + secret).doesNotContain(secret);
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = Api.JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            return node;
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
