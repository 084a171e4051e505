package com.omnichat.desktop.gui;

import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.desktop.support.Visitor;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Must-show (f): the main window in light and dark theme, as PNG files under target/screenshots/. */
class ScreenshotsTest {
    private TestServer server;
    private DesktopDriver desktop;

    @BeforeEach
    void start() {
        server = TestServer.start();
        desktop = DesktopDriver.start();
    }

    @AfterEach
    void stop() {
        desktop.close();
        server.close();
    }

    @Test
    void mainWindowInLightAndDarkTheme() throws Exception {
        Path login = desktop.screenshot("login-light");
        ConversationService conversations = server.server().conversations();
        conversations.receiveFromContact(1, "sms", "+15551234567", "Are you open today?", "SM" + UUID.randomUUID().toString().replace("-", ""));
        conversations.receiveFromContact(1, "whatsapp", "whatsapp:+447700900123", "Can I change my delivery address?", "SM" + UUID.randomUUID().toString().replace("-", ""));
        conversations.receiveFromContact(1, "messenger", "6483920175", "Thanks for the quick help yesterday!", "mid." + UUID.randomUUID());
        Visitor visitor = Visitor.arrive(server, server.server().bootstrap().orElseThrow().siteKey());
        visitor.say("Hi! I ordered the blue jacket last week.");
        visitor.say("The tracking page says it was delivered, but nothing is here.");

        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.openConversationOf(visitor.id(), "The tracking page says it was delivered, but nothing is here.");
        desktop.reply("Sorry to hear that! Let me check with the courier.");
        desktop.waitFor("the reply", () -> desktop.messageRows().stream()
                .anyMatch(row -> row.text().startsWith("Sorry to hear") && row.message() != null));
        WaitForAsyncUtils.waitForFxEvents();
        Path light = desktop.screenshot("main-light");

        desktop.click("#toggleTheme");
        WaitForAsyncUtils.waitForFxEvents();
        Path dark = desktop.screenshot("main-dark");

        assertThat(Files.size(login)).isPositive();
        assertThat(Files.size(light)).isPositive();
        assertThat(Files.size(dark)).isPositive();
        assertThat(Files.readAllBytes(light)).isNotEqualTo(Files.readAllBytes(dark));
    }
}
