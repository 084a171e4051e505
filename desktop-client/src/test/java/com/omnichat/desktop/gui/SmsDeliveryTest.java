package com.omnichat.desktop.gui;

import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.FakeTwilio;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestServer;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static com.omnichat.server.support.SignedWebhooks.sms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply typed in the app to an SMS contact reaches Twilio (a local fake of its documented API) and the row then
 * says how far it got: delivered after Twilio's signed status callback, or not delivered with Twilio's reason.
 */
class SmsDeliveryTest {
    private static final String PUBLIC_BASE_URL = "https://chat.example.com";
    private static final String ACCOUNT = "AC22222222222222222222222222222222";
    private static final String TOKEN = "auth-token-for-the-desktop-test";
    private static final String NUMBER = "+15550009000";
    private static final String CONTACT = "+15557654321";

    private FakeTwilio twilio;
    private TestServer server;
    private SignedWebhooks webhooks;
    private DesktopDriver desktop;

    @BeforeEach
    void start() {
        twilio = FakeTwilio.start().account(ACCOUNT, TOKEN);
        server = TestServer.start(TestServer.withLifecycleOff(Map.of("PUBLIC_BASE_URL", PUBLIC_BASE_URL,
                "TWILIO_API_BASE_URL", twilio.baseUrl())));
        ChannelSettings.set(server.api(), server.api().loginAdmin(), "twilio",
                Map.of("account_sid", ACCOUNT, "auth_token", TOKEN, "sms_number", NUMBER));
        webhooks = new SignedWebhooks(server.api(), PUBLIC_BASE_URL);
        desktop = DesktopDriver.start();
    }

    @AfterEach
    void stop() {
        desktop.close();
        server.close();
        twilio.close();
    }

    @Test
    void aReplyToAnSmsContactShowsDeliveredOnceTwilioSaysSo() {
        contactTexts("Is the shop open on Sunday?");
        desktop.openConversationOf(CONTACT, "Is the shop open on Sunday?");

        desktop.reply("Yes, from 10 to 4.");

        FakeTwilio.Request sent = twilio.next();
        assertThat(sent.form()).containsEntry("To", CONTACT).containsEntry("From", NUMBER)
                .containsEntry("Body", "Yes, from 10 to 4.");
        desktop.waitFor("the reply marked as on its way", () -> metaOf("Yes, from 10 to 4.")
                .filter(meta -> meta.contains("sending to the phone")).isPresent());

        String providerSid = String.format("SM%032x", 1);
        assertThat(webhooks.twilio("/twilio/status", TOKEN, Map.of("MessageSid", providerSid,
                "MessageStatus", "delivered", "AccountSid", ACCOUNT, "To", CONTACT, "From", NUMBER)).status())
                .isEqualTo(204);

        desktop.waitFor("the reply marked delivered", () -> metaOf("Yes, from 10 to 4.")
                .filter(meta -> meta.contains("delivered ✓✓")).isPresent());
    }

    @Test
    void aReplyTwilioRefusesSaysWhyItWasNotDelivered() {
        contactTexts("Call me back please");
        desktop.openConversationOf(CONTACT, "Call me back please");
        twilio.refuseNext(400, 21610, "Attempt to send to unsubscribed recipient");

        desktop.reply("We will call you at 3 pm.");

        twilio.next();
        desktop.waitFor("the reply marked not delivered with Twilio's reason", () -> metaOf("We will call you at 3 pm.")
                .filter(meta -> meta.contains("not delivered") && meta.contains("unsubscribed recipient"))
                .isPresent());
    }

    private void contactTexts(String text) {
        assertThat(webhooks.twilio("/sms", TOKEN, sms(CONTACT, NUMBER, text, "SM" + "1".repeat(32))).status())
                .isEqualTo(200);
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    }

    /** The sender, time and delivery line drawn above the bubble text of the reply. */
    private Optional<String> metaOf(String replyText) {
        return DesktopDriver.onFx(() -> desktop.robot().lookup(".message-text").queryAllAs(Label.class).stream()
                .filter(text -> replyText.equals(text.getText()) && text.getParent() != null)
                .flatMap(text -> text.getParent().lookupAll(".message-meta").stream())
                .map(meta -> ((Label) meta).getText()).findFirst());
    }
}
