package com.omnichat.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the Graph API's Send API ({@code POST /{version}/me/messages?access_token=…}): knows the page
 * tokens it was given, answers {@code {recipient_id, message_id}} or Graph's {@code {"error":{message, type, code,
 * fbtrace_id}}}, and records every request.
 */
public final class FakeGraph implements AutoCloseable {
    public record Request(String path, Map<String, String> query, JsonNode body) {
    }

    private final LocalHttpApi http;
    private final Set<String> pageTokens = ConcurrentHashMap.newKeySet();
    private final RecordedRequests<Request> requests = new RecordedRequests<>("the fake Send API");
    private final AtomicInteger mids = new AtomicInteger();

    private FakeGraph() {
        this.http = LocalHttpApi.start("/", this::handle);
    }

    public static FakeGraph start() {
        return new FakeGraph();
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    public FakeGraph pageToken(String token) {
        pageTokens.add(token);
        return this;
    }

    /** The next send is refused the way Graph refuses it, e.g. 400 with code 10 (outside the allowed window). */
    public void refuseNext(int status, int code, String message) {
        http.answerNext(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":"
                + code + ",\"fbtrace_id\":\"AbCdEf\"}}");
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
        http.forgetScripted();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = LocalHttpApi.form(exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        JsonNode body = Api.JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String path = exchange.getRequestURI().getPath();
        boolean known = pageTokens.contains(query.get("access_token"));
        Optional<LocalHttpApi.Answer> scripted = known ? http.takeScripted() : Optional.empty();
        requests.add(new Request(path, query, body));
        if (!exchange.getRequestMethod().equals("POST") || !path.endsWith("/me/messages")) {
            LocalHttpApi.respondJson(exchange, 400, "{\"error\":{\"message\":\"Unsupported request\",\"type\":\"GraphMethodException\",\"code\":100}}");
            return;
        }
        if (!known) {
            LocalHttpApi.respondJson(exchange, 400, "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\",\"code\":190}}");
            return;
        }
        if (scripted.isPresent()) {
            LocalHttpApi.respondJson(exchange, scripted.get());
            return;
        }
        LocalHttpApi.respondJson(exchange, 200, "{\"recipient_id\":\"" + body.path("recipient").path("id").asText()
                + "\",\"message_id\":\"m_sent_" + mids.incrementAndGet() + "\"}");
    }

    @Override
    public void close() {
        http.close();
    }
}
