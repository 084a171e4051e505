package com.omnichat.server.adminapp;

import com.omnichat.server.config.ConfigException;
import com.omnichat.server.config.ConfigLoader;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The static serving rules of /admin-app/ (PROTOCOL.md §A.5), for our page and for an operator's directory. */
class AdminAppServingTest {
    private static final List<String> CLIMBING_PATHS = List.of(
            "/admin-app/../../etc/passwd",
            "/admin-app/../secret.txt",
            "/admin-app/%2e%2e/%2e%2e/etc/passwd",
            "/admin-app/%2e%2e/secret.txt",
            "/admin-app/..%2f..%2fetc%2fpasswd",
            "/admin-app/..%2fsecret.txt",
            "/admin-app/%2E%2E%2Fsecret.txt",
            "/admin-app/..%5c..%5cetc%5cpasswd",
            "/admin-app/..%5csecret.txt",
            "/admin-app/%252e%252e/secret.txt",
            "/admin-app/....//secret.txt",
            "/admin-app//etc/passwd",
            "/admin-app/%2fetc%2fpasswd",
            "/admin-app/assets/../../secret.txt",
            "/admin-app/file:%2f%2f%2fetc%2fpasswd",
            "/admin-app/%00../secret.txt");

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
    void adminAppWithoutSlashMovesPermanentlyToTheSlash() {
        Api.Reply reply = api.get("/admin-app", null);
        assertThat(reply.status()).isEqualTo(301);
        assertThat(reply.header("Location")).isEqualTo("/admin-app/");
    }

    @Test
    void adminAndLoginStillRedirectIntoTheApp() {
        assertThat(api.get("/admin", null).header("Location")).isEqualTo("/admin-app/");
        assertThat(api.get("/login", null).header("Location")).isEqualTo("/admin-app/login");
    }

    @Test
    void rootServesOurPageWithAStrictContentSecurityPolicy() {
        Api.Reply reply = api.get("/admin-app/", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.text()).contains("<script type=\"module\" src=\"/admin-app/js/main.js\"></script>");
        String policy = reply.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void filesAreServedWithTheirTypes() {
        Api.Reply script = api.get("/admin-app/js/main.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(script.text()).contains("import { Api } from './api.js';");
        Api.Reply style = api.get("/admin-app/app.css", null);
        assertThat(style.header("Content-Type")).startsWith("text/css");
        assertThat(api.get("/admin-app/icon.svg", null).header("Content-Type")).startsWith("image/svg+xml");
    }

    @Test
    void anyPathThatIsNotAFileAnswersTheIndexSoDeepLinksLoad() {
        String index = api.get("/admin-app/", null).text();
        for (String path : List.of("/admin-app/login", "/admin-app/conversations/c_7Qm2xK", "/admin-app/users/",
                "/admin-app/js/missing.js", "/admin-app/js", "/admin-app/index.html/extra")) {
            Api.Reply reply = api.get(path, null);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(reply.text()).as(path).isEqualTo(index);
        }
    }

    @Test
    void anUnchangedFileIsANotModified() {
        Api.Reply first = api.get("/admin-app/js/main.js", null);
        assertThat(first.header("Cache-Control")).isEqualTo("no-cache");
        Api.Reply again = api.raw("GET", "/admin-app/js/main.js", null, null, null,
                Map.of("If-None-Match", first.header("ETag")));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.text()).isEmpty();
    }

    @Test
    void pathsThatClimbOutOfTheAppNeverReachAFileOutsideIt() throws IOException {
        for (String path : CLIMBING_PATHS) {
            RawReply reply = rawGet(server.port(), path);
            assertThat(reply.status()).as(path).isIn(200, 400, 404);
            assertThat(reply.body()).as(path).doesNotContain("root:x:", "root:");
            if (reply.status() == 200) {
                assertThat(reply.body()).as(path).contains("/admin-app/js/main.js");
            }
        }
    }

    @Test
    void anotherDirectoryIsServedInsteadWithIndexFallback(@TempDir Path dir) throws IOException {
        Path app = Files.createDirectories(dir.resolve("legacy-spa"));
        Files.writeString(app.resolve("index.html"), "<!doctype html><title>Legacy SPA</title>");
        Files.createDirectories(app.resolve("assets"));
        Files.writeString(app.resolve("assets/index-abc123.js"), "console.log('legacy')");
        Files.writeString(app.resolve(".env"), "VITE_API_URL=secret-of-the-build");
        Files.writeString(dir.resolve("secret.txt"), "outside-the-app");
        Files.createSymbolicLink(app.resolve("escape.txt"), dir.resolve("secret.txt"));

        try (TestServer other = TestServer.start(Map.of("OMNICHAT_ADMIN_APP_DIR", app.toString()))) {
            Api otherApi = other.api();
            Api.Reply root = otherApi.get("/admin-app/", null);
            assertThat(root.text()).isEqualTo("<!doctype html><title>Legacy SPA</title>");
            assertThat(root.header("Content-Security-Policy")).as("another build gets no policy it was not written for")
                    .isNull();
            Api.Reply asset = otherApi.get("/admin-app/assets/index-abc123.js", null);
            assertThat(asset.header("Content-Type")).startsWith("text/javascript");
            assertThat(asset.text()).isEqualTo("console.log('legacy')");
            for (String path : List.of("/admin-app/login", "/admin-app/conversations/42", "/admin-app/.env",
                    "/admin-app/escape.txt", "/admin-app/js/main.js")) {
                assertThat(otherApi.get(path, null).text()).as(path).isEqualTo("<!doctype html><title>Legacy SPA</title>");
            }
            assertThat(otherApi.get("/admin-app", null).status()).isEqualTo(301);
            for (String path : CLIMBING_PATHS) {
                RawReply reply = rawGet(other.port(), path);
                assertThat(reply.body()).as(path).doesNotContain("outside-the-app", "root:");
            }
        }
    }

    @Test
    void aDirectoryWithoutAnIndexStopsTheServerFromStarting(@TempDir Path dir) {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("OMNICHAT_ENV", "development",
                "OMNICHAT_ADMIN_APP_DIR", dir.resolve("missing").toString()), null).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OMNICHAT_ADMIN_APP_DIR");
    }

    record RawReply(int status, String body) {
    }

    /** A request line sent byte for byte: HTTP client libraries normalise the dot segments this test needs. */
    private static RawReply rawGet(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            return new RawReply(status, split < 0 ? "" : response.substring(split + 4));
        }
    }
}
