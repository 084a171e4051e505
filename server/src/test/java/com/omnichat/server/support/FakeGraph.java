package com.omnichat.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the Graph API's Send API ({@code POST /{version}/me/messages?access_token=…}): knows the page
 * tokens it was given, answers {@code {recipient_id, message_id}} or Graph's {@code {"error":{message, type, code,
 * fbtrace_id}}}, and records every request.
 */
public final class FakeGraph implements AutoCloseable {
    public record Request(String path, Map<String, String> query, JsonNode body) {
    }

    private record Scripted(int status, String body) {
    }

    private final HttpServer server;
    private final Set<String> pageTokens = ConcurrentHashMap.newKeySet();
    private final Deque<Scripted> script = new ConcurrentLinkedDeque<>();
    private final RecordedRequests<Request> requests = new RecordedRequests<>("the fake Send API");
    private final AtomicInteger mids = new AtomicInteger();

    private FakeGraph(HttpServer server) {
        this.server = server;
    }

    public static FakeGraph start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeGraph fake = new FakeGraph(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeGraph pageToken(String token) {
        pageTokens.add(token);
        return this;
    }

    /** The next send is refused the way Graph refuses it, e.g. 400 with code 10 (outside the allowed window). */
    public void refuseNext(int status, int code, String message) {
        script.add(new Scripted(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":"
                + code + ",\"fbtrace_id\":\"AbCdEf\"}}"));
    }

    public Request next() {
        return requests.next();
    }

    public int waiting() {
        return requests.waiting();
    }

    /** Forgets recorded requests and scripted answers left over by an earlier test. */
    public void reset() {
        requests.clear();
        script.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = FakeTwilio.parseForm(exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        JsonNode body = Api.JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String path = exchange.getRequestURI().getPath();
        boolean known = pageTokens.contains(query.get("access_token"));
        // The answer is chosen before the request is visible to the test (see FakeTwilio).
        Scripted scripted = known ? script.poll() : null;
        requests.add(new Request(path, query, body));
        if (!exchange.getRequestMethod().equals("POST") || !path.endsWith("/me/messages")) {
            respond(exchange, 400, "{\"error\":{\"message\":\"Unsupported request\",\"type\":\"GraphMethodException\",\"code\":100}}");
            return;
        }
        if (!known) {
            respond(exchange, 400, "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\",\"code\":190}}");
            return;
        }
        if (scripted != null) {
            respond(exchange, scripted.status(), scripted.body());
            return;
        }
        respond(exchange, 200, "{\"recipient_id\":\"" + body.path("recipient").path("id").asText()
                + "\",\"message_id\":\"m_sent_" + mids.incrementAndGet() + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
