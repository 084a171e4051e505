package com.omnichat.server.metrics;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.FakeTwilio;
import com.omnichat.server.support.Scrape;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An SMS reply Twilio refuses shows as a delivery failure of its channel, and leaves no backlog behind. */
class DeliveryMetricsTest {
    private static final String PUBLIC_BASE_URL = "https://chat.example.com";
    private static final String ACCOUNT = "AC22222222222222222222222222222222";
    private static final String TOKEN = "auth-token-for-delivery-metrics";
    private static final String NUMBER = "+15550002000";
    private static final String CONTACT = "+15557770001";

    @Test
    void aRefusedSmsReplyIsCountedAsAnSmsDeliveryFailure() throws Exception {
        try (FakeTwilio twilio = FakeTwilio.start().account(ACCOUNT, TOKEN);
             TestServer server = TestServer.start(TestServer.withLifecycleOff(Map.of("PUBLIC_BASE_URL", PUBLIC_BASE_URL,
                     "TWILIO_API_BASE_URL", twilio.baseUrl())))) {
            Api api = server.api();
            String admin = api.loginAdmin();
            ChannelSettings.set(api, admin, "twilio", Map.of("account_sid", ACCOUNT, "auth_token", TOKEN,
                    "sms_number", NUMBER));
            Map<String, String> inbound = new LinkedHashMap<>();
            inbound.put("From", CONTACT);
            inbound.put("To", NUMBER);
            inbound.put("Body", "Can you call me?");
            inbound.put("MessageSid", "SM" + "3".repeat(32));
            inbound.put("AccountSid", ACCOUNT);
            assertThat(new SignedWebhooks(api, PUBLIC_BASE_URL).twilio("/sms", TOKEN, inbound).status()).isEqualTo(200);
            String conversation = api.get("/api/v1/conversations?channel=sms", admin).body().at("/data/0/id").asText();

            twilio.refuseNext(400, 21610, "Attempt to send to unsubscribed recipient");
            assertThat(api.post("/api/v1/conversations/" + conversation + "/messages", admin,
                    Map.of("client_id", "r1", "text", "We will call you")).status()).isEqualTo(201);
            twilio.next();

            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            Scrape scrape = Scrape.of(api);
            // The backlog gauge is read at most once a second, so it may lag the failure counter by that much.
            while ((scrape.get("omnichat_delivery_failures_total", "channel", "sms") == 0
                    || scrape.get("omnichat_delivery_outbox_pending", "channel", "sms") > 0)
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
                scrape = Scrape.of(api);
            }
            assertThat(scrape.get("omnichat_delivery_failures_total", "channel", "sms")).isEqualTo(1);
            assertThat(scrape.get("omnichat_delivery_failures_total", "channel", "whatsapp")).isZero();
            assertThat(scrape.get("omnichat_delivery_outbox_pending", "channel", "sms")).isZero();
            assertThat(scrape.get("omnichat_messages_total", "channel", "sms", "sender", "user")).isEqualTo(1);
            assertThat(scrape.get("omnichat_messages_total", "channel", "sms", "sender", "staff")).isEqualTo(1);
        }
    }
}
