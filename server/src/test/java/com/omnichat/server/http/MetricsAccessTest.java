package com.omnichat.server.http;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read /metrics. The end-to-end cases come from loopback; a request that went through a proxy (it carries
 * X-Forwarded-For) stands for a remote one, which is what the server must assume it is. Addresses that are not
 * loopback cannot be reached from a test here, so those cases go through the decision itself.
 */
class MetricsAccessTest {
    private static final String TOKEN = "scrape-token-0123456789abcdef";

    @Test
    void aLoopbackScraperAlwaysGetsTheMetricsWithoutAToken() {
        try (TestServer server = TestServer.start()) {
            Api.Reply reply = server.api().get("/metrics", null);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Content-Type")).startsWith("text/plain");
            assertThat(reply.text()).contains("omnichat_build_info");
        }
    }

    @Test
    void withoutATokenConfiguredAProxiedRequestIsRefusedWith403() {
        try (TestServer server = TestServer.start()) {
            Api.Reply reply = server.api().raw("GET", "/metrics", null, null, null,
                    Map.of("X-Forwarded-For", "203.0.113.7"));
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.body().get("detail").asText()).contains("OMNICHAT_METRICS_TOKEN");
            assertThat(reply.text()).doesNotContain("omnichat_build_info");
            Api.Reply guessed = server.api().raw("GET", "/metrics", "anything-at-all", null, null,
                    Map.of("Forwarded", "for=203.0.113.7"));
            assertThat(guessed.status()).isEqualTo(403);
        }
    }

    @Test
    void withATokenConfiguredARemoteScraperNeedsExactlyThatToken() {
        try (TestServer server = TestServer.start(Map.of("OMNICHAT_METRICS_TOKEN", TOKEN))) {
            Api api = server.api();
            Map<String, String> proxied = Map.of("X-Forwarded-For", "203.0.113.7");
            Api.Reply none = api.raw("GET", "/metrics", null, null, null, proxied);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(none.body().get("detail").asText()).isNotBlank();
            assertThat(api.raw("GET", "/metrics", TOKEN + "x", null, null, proxied).status()).isEqualTo(401);
            assertThat(api.raw("GET", "/metrics", "Basic " + TOKEN, null, null, proxied).status()).isEqualTo(401);
            Api.Reply right = api.raw("GET", "/metrics", TOKEN, null, null, proxied);
            assertThat(right.status()).isEqualTo(200);
            assertThat(right.text()).contains("omnichat_build_info");
            assertThat(api.get("/metrics", null).status()).as("loopback still needs no token").isEqualTo(200);
        }
    }

    @Test
    void aShortOrSpacedTokenIsRefusedAtStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(Map.of("OMNICHAT_METRICS_TOKEN", "short")))
                .hasMessageContaining("OMNICHAT_METRICS_TOKEN");
    }

    @Test
    void theDecisionTreatsEveryLoopbackAddressAsLocalAndEverythingElseAsRemote() throws Exception {
        MetricsAccess open = new MetricsAccess(Optional.empty());
        MetricsAccess guarded = new MetricsAccess(Optional.of(TOKEN));
        InetAddress remote = InetAddress.getByName("203.0.113.7");
        InetAddress lan = InetAddress.getByName("192.168.1.20");
        for (String loopback : new String[]{"127.0.0.1", "127.0.0.2", "::1"}) {
            assertThat(open.decide(InetAddress.getByName(loopback), false, null)).isEqualTo(MetricsAccess.Decision.ALLOW);
            assertThat(open.decide(InetAddress.getByName(loopback), true, null))
                    .as("proxied through " + loopback).isEqualTo(MetricsAccess.Decision.LOOPBACK_ONLY);
        }
        assertThat(open.decide(remote, false, null)).isEqualTo(MetricsAccess.Decision.LOOPBACK_ONLY);
        assertThat(open.decide(lan, false, "Bearer " + TOKEN)).isEqualTo(MetricsAccess.Decision.LOOPBACK_ONLY);
        assertThat(guarded.decide(remote, false, null)).isEqualTo(MetricsAccess.Decision.NEEDS_TOKEN);
        assertThat(guarded.decide(remote, false, "Bearer wrong-token-0123456789")).isEqualTo(MetricsAccess.Decision.NEEDS_TOKEN);
        assertThat(guarded.decide(remote, false, "Bearer " + TOKEN)).isEqualTo(MetricsAccess.Decision.ALLOW);
        assertThat(guarded.decide(lan, true, "bearer " + TOKEN)).isEqualTo(MetricsAccess.Decision.ALLOW);
        assertThat(guarded.decide(null, false, null)).isEqualTo(MetricsAccess.Decision.NEEDS_TOKEN);
    }
}
