package com.omnichat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 9: nosniff on every kind of response, strict policies on the pages that share the admin page's
 * origin, and the requests Jetty refuses before any route answered in the route family's JSON, not an HTML page.
 */
class ResponseHeadersTest {
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyKindOfResponseSaysNosniff() throws IOException {
        List<String> targets = List.of("/health", "/widget.js", "/docs", "/docs/swagger-ui.css", "/admin-app/",
                "/openapi.json", "/no-such-page", "/api/v1/conversations", "/api/v1/conversations/%zz", "/webchat/%zz");
        for (String target : targets) {
            assertThat(raw("GET " + target + " HTTP/1.1\r\nHost: x\r\n")).as(target)
                    .containsIgnoringCase("X-Content-Type-Options: nosniff");
        }
        assertThat(raw("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n"))
                .as("431 from Jetty").startsWith("HTTP/1.1 431").containsIgnoringCase("X-Content-Type-Options: nosniff");
        assertThat(raw("GET /admin-ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 99\r\n")).as("a refused socket upgrade")
                .containsIgnoringCase("X-Content-Type-Options: nosniff");
    }

    @Test
    void theDocsAndTheWidgetDemoRunOnlyOurOwnScripts() {
        for (String page : List.of("/docs", "/widget-demo")) {
            String policy = api.get(page, null).header("Content-Security-Policy");
            assertThat(policy).as(page).contains("default-src 'none'", "script-src 'self';", "connect-src 'self'",
                    "frame-ancestors 'none'", "base-uri 'none'").doesNotContain("unsafe-eval", "*");
            assertThat(policy.replaceAll("style-src[^;]*;", "")).as(page + ": only styles may be inline")
                    .doesNotContain("unsafe-inline");
        }
        assertThat(api.get("/docs", null).text()).as("the docs page starts Swagger UI from a file, not inline")
                .doesNotContain("<script>").contains("<script src=\"/docs/swagger-init.js\"></script>");
        Api.Reply init = api.get("/docs/swagger-init.js", null);
        assertThat(init.status()).isEqualTo(200);
        assertThat(init.header("Content-Type")).startsWith("text/javascript");
        assertThat(api.get("/admin-app/", null).header("Content-Security-Policy")).as("the admin page keeps its own")
                .contains("script-src 'self';", "connect-src 'self'");
    }

    @Test
    void aPathJettyCannotDecodeGetsTheJsonErrorNotAnHtmlPage() throws IOException {
        for (String target : List.of("/api/v1/conversations/%zz", "/webchat/%zz", "/api/v1/conversations/%00", "/a%")) {
            String answer = raw("GET " + target + " HTTP/1.1\r\nHost: x\r\n");
            assertThat(answer).as(target).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/json");
            JsonNode body = Api.JSON.readTree(body(answer));
            assertThat(body.path("detail").asText()).as(target + ": a legacy client reads detail").isEqualTo("Bad request");
            assertThat(body.at("/error/code").asText()).as(target + ": a v1 client reads error").isEqualTo("bad_request");
        }
    }

    @Test
    void refusalsOfAKnownPathUseThatFamilysShape() throws IOException {
        String v1 = raw("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n");
        assertThat(Api.JSON.readTree(body(v1)).at("/error/code").asText()).isEqualTo("headers_too_large");
        assertThat(Api.JSON.readTree(body(v1)).has("detail")).isFalse();
        String legacy = raw("GET /admin/api/convos?" + "q".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n");
        assertThat(legacy).startsWith("HTTP/1.1 414");
        assertThat(Api.JSON.readTree(body(legacy)).path("detail").asText()).isEqualTo("Request URI too long");
        String badHost = raw("GET /webchat HTTP/1.1\r\nHost: a b\r\n");
        assertThat(badHost).startsWith("HTTP/1.1 400");
        assertThat(Api.JSON.readTree(body(badHost)).path("detail").asText()).isEqualTo("Bad request");
        String climbing = raw("GET /x/../api/v1/nothing-here HTTP/1.1\r\nHost: x\r\n");
        assertThat(Api.JSON.readTree(body(climbing)).at("/error/code").asText()).as("a path that climbs into /api/v1")
                .isEqualTo("not_found");
    }

    @Test
    void aBodyThatIsNotJsonIsExplainedWithoutNull() {
        Api.Reply v1 = api.raw("POST", "/api/v1/widget/sessions", null, "application/json", "{", Map.of());
        assertThat(v1.status()).isEqualTo(400);
        assertThat(v1.body().at("/error/message").asText()).isEqualTo("JSON decode error");
        Api.Reply both = api.raw("POST", "/api/v1/auth/login", null, "application/json", "[1]", Map.of());
        assertThat(both.body().at("/error/message").asText()).doesNotStartWith("null");
    }

    @Test
    void aMultipartSignInWithoutItsBoundaryIsTheClientsMistake() {
        Api.Reply reply = api.raw("POST", "/api/v1/auth/login", null, "multipart/form-data", "username=a", Map.of());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("detail").asText()).isEqualTo("The request body could not be read");
    }

    /** One request over a plain socket, as written: the JDK client refuses to send most of these. */
    private static String raw(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(answer);
            } catch (java.net.SocketException reset) {
                // Jetty may reset after answering a request it would not read whole
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }
}
