package com.omnichat.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A third party's HTTP API played on this machine, for the fakes of the APIs tests cannot reach (Twilio, Meta's
 * Graph, Expo): the JDK's HTTP server on a free port of 127.0.0.1, answering in JSON.
 */
public final class LocalHttpApi implements AutoCloseable {
    /** An answer a test asked for instead of the API's usual one. */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Deque<Answer> scripted = new ConcurrentLinkedDeque<>();

    private LocalHttpApi(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code handler} under {@code pathPrefix} until closed. */
    public static LocalHttpApi start(String pathPrefix, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(pathPrefix, handler);
            server.start();
            return new LocalHttpApi(server);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request that gets past the fake's own checks gets this answer (the test scripts an API's refusal). */
    public void answerNext(int status, String body) {
        scripted.add(new Answer(status, body));
    }

    /**
     * The scripted answer for the request being handled, if any. Taken before the request is recorded for the test,
     * so a test scripting the next answer after seeing this request cannot change this one.
     */
    public Optional<Answer> takeScripted() {
        return Optional.ofNullable(scripted.poll());
    }

    public void forgetScripted() {
        scripted.clear();
    }

    public static void respondJson(HttpExchange exchange, Answer answer) throws IOException {
        respondJson(exchange, answer.status(), answer.body());
    }

    public static void respondJson(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    public static void respondJson(HttpExchange exchange, int status, String body) throws IOException {
        respondJson(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** An application/x-www-form-urlencoded body or query string, decoded, in its order. */
    public static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
