package com.omnichat.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A third party's HTTP API played on this machine, for the fakes of the APIs tests cannot reach (Twilio, Meta's
 * Graph, Expo): the JDK's HTTP server on a free port of 127.0.0.1, answering in JSON.
 */
public final class LocalHttpApi implements AutoCloseable {
    private final HttpServer server;

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

    public static void respondJson(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    public static void respondJson(HttpExchange exchange, int status, String body) throws IOException {
        respondJson(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
