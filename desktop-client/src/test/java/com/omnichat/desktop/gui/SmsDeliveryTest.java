package com.omnichat.desktop.gui;

import com.omnichat.desktop.support.SmsLine;
import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.server.support.FakeTwilio;
import com.omnichat.server.support.TestServer;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply typed in the app to an SMS contact reaches Twilio (a local fake of its documented API) and the row then
 * says how far it got: delivered after Twilio's signed status callback, or not delivered with Twilio's reason.
 */
class SmsDeliveryTest {
    private static final String CONTACT = "+15557654321";

    private SmsLine sms;
    private DesktopDriver desktop;

    @BeforeEach
    void start() {
        sms = SmsLine.start();
        desktop = DesktopDriver.start();
    }

    @AfterEach
    void stop() {
        desktop.close();
        sms.close();
    }

    @Test
    void aReplyToAnSmsContactShowsDeliveredOnceTwilioSaysSo() {
        contactTexts("Is the shop open on Sunday?");
        desktop.openConversationOf(CONTACT, "Is the shop open on Sunday?");

        desktop.reply("Yes, from 10 to 4.");

        FakeTwilio.Request sent = sms.twilio().next();
        assertThat(sent.form()).containsEntry("To", CONTACT).containsEntry("From", SmsLine.NUMBER)
                .containsEntry("Body", "Yes, from 10 to 4.");
        desktop.waitFor("the reply marked as on its way", () -> metaOf("Yes, from 10 to 4.")
                .filter(meta -> meta.contains("sending to the phone")).isPresent());

        String providerSid = String.format("SM%032x", 1);
        assertThat(sms.statusCallback(providerSid, "delivered", CONTACT).status())
                .isEqualTo(204);

        desktop.waitFor("the reply marked delivered", () -> metaOf("Yes, from 10 to 4.")
                .filter(meta -> meta.contains("delivered ✓✓")).isPresent());
    }

    @Test
    void aReplyTwilioRefusesSaysWhyItWasNotDelivered() {
        contactTexts("Call me back please");
        desktop.openConversationOf(CONTACT, "Call me back please");
        sms.twilio().refuseNext(400, 21610, "Attempt to send to unsubscribed recipient");

        desktop.reply("We will call you at 3 pm.");

        sms.twilio().next();
        desktop.waitFor("the reply marked not delivered with Twilio's reason", () -> metaOf("We will call you at 3 pm.")
                .filter(meta -> meta.contains("not delivered") && meta.contains("unsubscribed recipient"))
                .isPresent());
    }

    private void contactTexts(String text) {
        sms.contactTexts(CONTACT, text);
        desktop.signInAndWaitForInbox(sms.server().baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    }

    /** The sender, time and delivery line drawn above the bubble text of the reply. */
    private Optional<String> metaOf(String replyText) {
        return DesktopDriver.onFx(() -> desktop.robot().lookup(".message-text").queryAllAs(Label.class).stream()
                .filter(text -> replyText.equals(text.getText()) && text.getParent() != null)
                .flatMap(text -> text.getParent().lookupAll(".message-meta").stream())
                .map(meta -> ((Label) meta).getText()).findFirst());
    }
}
