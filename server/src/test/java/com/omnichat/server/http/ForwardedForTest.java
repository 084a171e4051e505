package com.omnichat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.OmnichatServer;
import com.omnichat.server.config.ConfigLoader;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind N trusted proxies the client is the N-th X-Forwarded-For entry from the right (PROTOCOL.md Part E): a client
 * that writes its own entries on the left escapes no per-address limit and forges no audited address, and
 * X-Forwarded-Proto is read the same way.
 */
class ForwardedForTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String TWILIO_TOKEN = "auth-token-of-tenant-a";

    private final List<TestServer> servers = new ArrayList<>();
    private final List<TestSocket> sockets = new ArrayList<>();

    @AfterEach
    void stop() {
        sockets.forEach(TestSocket::close);
        servers.forEach(TestServer::close);
    }

    private TestServer start(String trustProxy) {
        return start(trustProxy, Map.of());
    }

    private TestServer start(String trustProxy, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        if (trustProxy != null) {
            all.put("OMNICHAT_TRUST_PROXY", trustProxy);
        }
        TestServer server = TestServer.start(all);
        servers.add(server);
        return server;
    }

    @Test
    void inventedLeftmostAddressesDoNotEscapeThePerAddressSignInLimit() {
        TestServer server = start("true");
        for (int i = 0; i < 20; i++) {
            assertThat(wrongSignIn(server, "nobody" + i + "@example.com", "198.18.0." + i + ", 203.0.113.9"))
                    .as("guess %d", i).isEqualTo(401);
        }
        assertThat(wrongSignIn(server, "nobody-else@example.com", "198.18.1.1, 203.0.113.9"))
                .as("the 21st guess from the address the proxy saw").isEqualTo(429);
        assertThat(wrongSignIn(server, "nobody-else@example.com", "203.0.113.99"))
                .as("another client behind the same proxy is not limited").isEqualTo(401);
    }

    @Test
    void theAuditedAddressIsTheOneTheProxySawNotTheOneTheClientWrote() {
        TestServer server = start("true");
        wrongSignIn(server, TestServer.ADMIN_EMAIL, "6.6.6.6, 203.0.113.10");
        assertThat(lastFailedSignInIp(server)).isEqualTo("203.0.113.10");

        wrongSignIn(server, TestServer.ADMIN_EMAIL, "6.6.6.6", "203.0.113.11");
        assertThat(lastFailedSignInIp(server)).as("two header lines are one list").isEqualTo("203.0.113.11");

        wrongSignIn(server, TestServer.ADMIN_EMAIL, "[2001:db8::7]:4711, not-an-address");
        assertThat(lastFailedSignInIp(server)).as("an entry that is not an address is not believed")
                .isEqualTo("127.0.0.1");
    }

    @Test
    void behindTwoProxiesTheSecondEntryFromTheRightIsTheClientAndWithoutProxiesTheHeaderIsIgnored() {
        TestServer two = start("2");
        wrongSignIn(two, TestServer.ADMIN_EMAIL, "6.6.6.6, 198.51.100.7, 10.0.0.2");
        assertThat(lastFailedSignInIp(two)).isEqualTo("198.51.100.7");
        wrongSignIn(two, TestServer.ADMIN_EMAIL, "198.51.100.8");
        assertThat(lastFailedSignInIp(two)).as("a list shorter than the proxies: the outermost entry present")
                .isEqualTo("198.51.100.8");

        TestServer direct = start(null);
        wrongSignIn(direct, TestServer.ADMIN_EMAIL, "6.6.6.6, 198.51.100.9");
        assertThat(lastFailedSignInIp(direct)).isEqualTo("127.0.0.1");
    }

    @Test
    void inventedLeftmostAddressesDoNotEscapeTheNewSocketIdLimit() {
        TestServer server = start("true");
        for (int i = 0; i < 30; i++) {
            sockets.add(TestSocket.open(server.wsUrl("/ws/forwarded-" + i),
                    Map.of("X-Forwarded-For", "198.18.2." + i + ", 203.0.113.12")));
        }
        TestSocket over = TestSocket.open(server.wsUrl("/ws/forwarded-over"),
                Map.of("X-Forwarded-For", "198.18.3.1, 203.0.113.12"));
        sockets.add(over);
        assertThat(over.awaitClose()).isEqualTo(1008);
    }

    @Test
    void withoutAPublicBaseUrlTheSchemeTwilioSignedIsTheOneTheProxyForwarded() {
        TestServer configured = start(null, Map.of("PUBLIC_BASE_URL", "https://chat.example.com"));
        ChannelSettings.set(configured.api(), configured.api().loginAdmin(), "twilio",
                Map.of("account_sid", "AC11111111111111111111111111111111", "auth_token", TWILIO_TOKEN,
                        "sms_number", "+15550001000"));
        // The credentials stay in the tenant's settings when the operator later drops PUBLIC_BASE_URL: the signature
        // URL is then rebuilt from the request, whose scheme only the proxy knows.
        configured.whileStopped(() -> {
            Map<String, String> env = Map.of("OMNICHAT_DATA_DIR", configured.dataDir().toString(),
                    "JWT_SECRET", TestServer.JWT_SECRET, "OMNICHAT_HOST", "127.0.0.1", "PORT", "0",
                    "OMNICHAT_TRUST_PROXY", "true");
            try (OmnichatServer behindProxy = new OmnichatServer(new ConfigLoader(env, null).load()).start()) {
                Api api = new Api("http://127.0.0.1:" + behindProxy.port());
                String signedAs = "https://127.0.0.1:" + behindProxy.port();
                Map<String, String> sms = SignedWebhooks.sms("+15551239999", "+15550001000", "hello",
                        "SM" + "7".repeat(32));
                assertThat(new SignedWebhooks(api, signedAs, Map.of("X-Forwarded-Proto", "https"))
                        .twilio("/sms", TWILIO_TOKEN, sms).status()).isEqualTo(200);
                assertThat(new SignedWebhooks(api, signedAs, Map.of("X-Forwarded-Proto", "https, http"))
                        .twilio("/sms", TWILIO_TOKEN, sms).status())
                        .as("a client's own https on the left is not believed").isEqualTo(403);
            }
        });
    }

    private static int wrongSignIn(TestServer server, String email, String... forwardedFor) {
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=not-the-password";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (String line : forwardedFor) {
            request.header("X-Forwarded-For", line);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String lastFailedSignInIp(TestServer server) {
        Api api = server.api();
        String admin = api.loginAdmin();
        JsonNode newest = api.get("/api/v1/audit-events?type=auth.login_failed&limit=1", admin).body().at("/data/0");
        return newest.get("ip").asText();
    }
}
