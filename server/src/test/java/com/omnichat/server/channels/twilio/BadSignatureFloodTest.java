package com.omnichat.server.channels.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestClock;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.omnichat.server.support.SignedWebhooks.sms;
import static com.omnichat.server.support.TestServer.withLifecycleOff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged Twilio webhooks cost the audit log one row per tenant, route and minute, however many arrive, and past 100
 * refusals an address is answered 429 (PROTOCOL.md §C.5, §D.1). The server sits behind one proxy here, so the test
 * can speak from several addresses.
 */
class BadSignatureFloodTest {
    private static final String PUBLIC_BASE_URL = "https://chat.example.com";
    private static final String TOKEN = "auth-token-of-tenant-a";
    private static final String NUMBER = "+15550001000";

    private final TestClock clock = TestClock.startingNow();
    private TestServer server;
    private Api api;
    private String admin;

    @BeforeEach
    void start() {
        server = TestServer.start(withLifecycleOff(Map.of("PUBLIC_BASE_URL", PUBLIC_BASE_URL,
                "OMNICHAT_TRUST_PROXY", "true")), clock);
        api = server.api();
        admin = api.loginAdmin();
        ChannelSettings.set(api, admin, "twilio", Map.of("account_sid", "AC11111111111111111111111111111111",
                "auth_token", TOKEN, "sms_number", NUMBER));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aHundredForgedMessagesMakeOneAuditRowCountingThemAndThen429() {
        for (int i = 0; i < 100; i++) {
            Api.Reply forged = forged("/sms", "203.0.113.50", i);
            assertThat(forged.status()).as("forgery %d", i).isEqualTo(403);
            assertThat(forged.text()).isEqualTo("{\"detail\":\"Invalid Twilio signature\"}");
        }
        JsonNode row = onlyRejection();
        assertThat(row.get("count").asLong()).isEqualTo(100);
        assertThat(row.get("ip").asText()).isEqualTo("203.0.113.50");
        assertThat(row.at("/actor/kind").asText()).isEqualTo("provider");
        assertThat(row.at("/details/route").asText()).isEqualTo("/sms");

        for (int i = 0; i < 3; i++) {
            Api.Reply limited = forged("/sms", "203.0.113.50", 100 + i);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.text()).isEqualTo("{\"detail\":\"Too many requests\"}");
            assertThat(limited.header("Content-Type")).startsWith("application/json");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        }
        assertThat(onlyRejection().get("count").asLong()).as("a limited request writes nothing").isEqualTo(100);

        Api.Reply genuine = signed("/sms", "203.0.113.50", sms("+15551230001", NUMBER, "real", "SM" + "1".repeat(32)));
        assertThat(genuine.status()).as("correctly signed traffic from that address still passes").isEqualTo(200);
    }

    @Test
    void forgeriesFromOtherAddressesJoinTheMinutesRowAndTheNextMinuteStartsAnother() {
        assertThat(forged("/sms", "203.0.113.60", 0).status()).isEqualTo(403);
        assertThat(forged("/sms", "203.0.113.61", 1).status()).isEqualTo(403);
        assertThat(forged("/sms", "203.0.113.62", 2).status()).isEqualTo(403);
        JsonNode row = onlyRejection();
        assertThat(row.get("count").asLong()).isEqualTo(3);
        assertThat(row.get("ip").asText()).as("the first address is kept").isEqualTo("203.0.113.60");

        clock.advance(Duration.ofMinutes(1));
        assertThat(forged("/sms", "203.0.113.63", 3).status()).isEqualTo(403);
        JsonNode rows = api.get("/api/v1/audit-events?type=webhook.rejected", admin).body().get("data");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("count").asLong()).isEqualTo(1);
        assertThat(rows.get(1).get("count").asLong()).isEqualTo(3);
    }

    private Api.Reply forged(String path, String clientIp, int i) {
        Map<String, String> fields = sms("+1555999" + String.format("%04d", i), NUMBER, "forged " + i,
                "SM" + String.format("%032d", i));
        return withClientIp(clientIp).twilio(path, "not-the-token", fields);
    }

    private Api.Reply signed(String path, String clientIp, Map<String, String> fields) {
        return withClientIp(clientIp).twilio(path, TOKEN, fields);
    }

    /** Webhooks as the proxy in front of the server forwards them: the caller's address appended last. */
    private SignedWebhooks withClientIp(String clientIp) {
        return new SignedWebhooks(api, PUBLIC_BASE_URL, Map.of("X-Forwarded-For", "198.18.9.9, " + clientIp));
    }

    private JsonNode onlyRejection() {
        JsonNode rows = api.get("/api/v1/audit-events?type=webhook.rejected", admin).body().get("data");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
