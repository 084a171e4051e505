package com.omnichat.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.JsonMapperFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for tests: JSON in, status + JSON out. */
public final class Api {
    public static final ObjectMapper JSON = JsonMapperFactory.create();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String text() {
            return raw.body();
        }
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Reply post(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    public Reply patch(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    public Reply delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    public Reply raw(String method, String path, String token, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public Reply form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The exact bytes of an answer and its declared type, for tests about encodings. */
    public record Bytes(int status, String contentType, byte[] body) {
    }

    public Bytes bytes(String method, String path, String token, String contentType, String body,
                       Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        try {
            HttpResponse<byte[]> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String login(String email, String password) {
        Reply reply = form("/api/v1/auth/login", Map.of("username", email, "password", password));
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply.status() + " " + reply.text());
        }
        return reply.body().get("access_token").asText();
    }

    /** A new widget visitor of the site: its {@code Authorization} header value. */
    public String newVisitor(String siteKey) {
        JsonNode session = post("/api/v1/widget/sessions", null, Map.of("site_key", siteKey)).body();
        return "Visitor " + session.get("visitor_id").asText() + ":" + session.get("visitor_secret").asText();
    }

    public String loginAdmin() {
        return login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", token.contains(" ") ? token : "Bearer " + token);
        }
        return builder;
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            String text = response.body();
            if (text != null && !text.isBlank()) {
                try {
                    body = JSON.readTree(text);
                } catch (IOException notJson) {
                    body = null;
                }
            }
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
