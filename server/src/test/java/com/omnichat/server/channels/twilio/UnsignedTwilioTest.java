package com.omnichat.server.channels.twilio;

import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static com.omnichat.server.support.SignedWebhooks.sms;
import static org.assertj.core.api.Assertions.assertThat;

/** Unsigned Twilio requests pass only in development mode and only while no tenant has an auth token. */
class UnsignedTwilioTest {
    private static final Map<String, String> NUMBER_ONLY = Map.of("sms_number", "+15550001000");

    @Test
    void developmentModeWithoutAnyTokenAcceptsUnsignedRequests() {
        try (TestServer server = TestServer.start(Map.of("OMNICHAT_ENV", "development",
                "PUBLIC_BASE_URL", "https://chat.example.com"))) {
            ChannelSettings.set(server.api(), server.api().loginAdmin(), "twilio", NUMBER_ONLY);
            SignedWebhooks webhooks = new SignedWebhooks(server.api(), "https://chat.example.com");
            assertThat(webhooks.twilio("/sms", null, sms("+15551110000", "+15550001000", "dev", "SMdev1")).status())
                    .isEqualTo(200);

            server.server().tenants().create("With token", "admin@token.example", "T",
                    Optional.of("token-admin-password"));
            ChannelSettings.set(server.api(), server.api().login("admin@token.example", "token-admin-password"), "twilio", Map.of("account_sid", "AC9", "auth_token", "a-token",
                    "sms_number", "+15550009000"));
            assertThat(webhooks.twilio("/sms", null, sms("+15551110000", "+15550001000", "dev", "SMdev2")).status())
                    .as("a token exists somewhere now").isEqualTo(403);
        }
    }

    @Test
    void productionRefusesUnsignedRequestsEvenWithoutAToken() {
        try (TestServer server = TestServer.start(Map.of("PUBLIC_BASE_URL", "https://chat.example.com"))) {
            ChannelSettings.set(server.api(), server.api().loginAdmin(), "twilio", NUMBER_ONLY);
            SignedWebhooks webhooks = new SignedWebhooks(server.api(), "https://chat.example.com");
            var reply = webhooks.twilio("/sms", null, sms("+15551110000", "+15550001000", "prod", "SMprod1"));
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.text()).isEqualTo("{\"detail\":\"Invalid Twilio signature\"}");
        }
    }
}
