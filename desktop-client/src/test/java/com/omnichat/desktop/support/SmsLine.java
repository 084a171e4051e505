package com.omnichat.desktop.support;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.FakeTwilio;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestServer;

import java.util.Map;

/**
 * A real server with the default tenant's SMS number on a local fake of Twilio's API: contacts text in through
 * webhooks signed as Twilio signs them, and staff replies land in the fake. Lifecycle timers are off.
 */
public final class SmsLine implements AutoCloseable {
    public static final String PUBLIC_BASE_URL = "https://chat.example.com";
    public static final String ACCOUNT = "AC22222222222222222222222222222222";
    public static final String AUTH_TOKEN = "auth-token-of-the-default-tenant";
    public static final String NUMBER = "+15550009000";

    private final FakeTwilio twilio;
    private final TestServer server;
    private final SignedWebhooks webhooks;
    private int messages;

    private SmsLine(FakeTwilio twilio, TestServer server) {
        this.twilio = twilio;
        this.server = server;
        this.webhooks = new SignedWebhooks(server.api(), PUBLIC_BASE_URL);
    }

    public static SmsLine start() {
        FakeTwilio twilio = FakeTwilio.start().account(ACCOUNT, AUTH_TOKEN);
        TestServer server = TestServer.start(TestServer.withLifecycleOff(Map.of("PUBLIC_BASE_URL", PUBLIC_BASE_URL,
                "TWILIO_API_BASE_URL", twilio.baseUrl())));
        Api api = server.api();
        ChannelSettings.set(api, api.loginAdmin(), "twilio",
                Map.of("account_sid", ACCOUNT, "auth_token", AUTH_TOKEN, "sms_number", NUMBER));
        return new SmsLine(twilio, server);
    }

    public TestServer server() {
        return server;
    }

    public FakeTwilio twilio() {
        return twilio;
    }

    /** A text from {@code from} to the tenant's number, through the signed /sms webhook. */
    public void contactTexts(String from, String text) {
        String sid = String.format("SM%032d", ++messages);
        Api.Reply reply = webhooks.twilio("/sms", AUTH_TOKEN, SignedWebhooks.sms(from, NUMBER, text, sid));
        if (reply.status() != 200) {
            throw new AssertionError("the /sms webhook answered " + reply.status() + " " + reply.text());
        }
    }

    /** Twilio's signed status callback for a message it sent. */
    public Api.Reply statusCallback(String messageSid, String status, String to) {
        return webhooks.twilio("/twilio/status", AUTH_TOKEN, Map.of("MessageSid", messageSid,
                "MessageStatus", status, "AccountSid", ACCOUNT, "To", to, "From", NUMBER));
    }

    @Override
    public void close() {
        server.close();
        twilio.close();
    }
}
