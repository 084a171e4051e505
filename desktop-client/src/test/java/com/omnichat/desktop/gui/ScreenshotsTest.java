package com.omnichat.desktop.gui;

import com.omnichat.desktop.support.SmsLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.desktop.support.Visitor;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import javafx.scene.control.ScrollPane;
import javafx.scene.web.WebView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Must-show (f) and more: every screen in light and dark theme as PNG files under target/screenshots/, over data
 * seeded through the real APIs (widget visitors, signed Twilio webhooks, staff replies), for a person to review.
 */
class ScreenshotsTest {
    private static final List<String> SCREENS = List.of("followups", "history", "analytics", "team", "settings");

    private SmsLine sms;
    private TestServer server;
    private DesktopDriver desktop;
    private Api api;
    private String admin;
    private String jane;

    @BeforeEach
    void start() {
        sms = SmsLine.start();
        server = sms.server();
        api = server.api();
        admin = api.loginAdmin();
        desktop = DesktopDriver.start();
    }

    @AfterEach
    void stop() {
        desktop.close();
        sms.close();
    }

    @Test
    void everyScreenInLightAndDarkTheme() throws Exception {
        List<Path> shots = new ArrayList<>();
        shots.add(desktop.screenshot("login-light"));
        Visitor visitor = seed();

        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.openConversationOf(visitor.id(), "The tracking page says it was delivered, but nothing is here.");
        desktop.reply("Sorry to hear that! Let me check with the courier.");
        desktop.waitFor("the reply", () -> desktop.messageRows().stream()
                .anyMatch(row -> row.text().startsWith("Sorry to hear") && row.message() != null));
        for (String theme : List.of("light", "dark")) {
            desktop.click("#navInbox");
            WaitForAsyncUtils.waitForFxEvents();
            shots.add(desktop.screenshot("main-" + theme));
            for (String screen : SCREENS) {
                desktop.click("#nav" + Character.toUpperCase(screen.charAt(0)) + screen.substring(1));
                waitForContent(screen);
                WaitForAsyncUtils.waitForFxEvents();
                shots.add(desktop.screenshot(screen + "-" + theme));
                if (screen.equals("analytics")) {
                    scrollAnalyticsTo(1);
                    shots.add(desktop.screenshot("analytics-" + theme + "-bottom"));
                    scrollAnalyticsTo(0);
                }
            }
            if (theme.equals("light")) {
                desktop.click("#toggleTheme");
                WaitForAsyncUtils.waitForFxEvents();
            }
        }
        desktop.click("#signOut");
        desktop.waitFor("the sign-in screen", () -> desktop.exists("#signIn"));
        WaitForAsyncUtils.waitForFxEvents();
        shots.add(desktop.screenshot("login-dark"));

        for (Path shot : shots) {
            assertThat(Files.size(shot)).as(shot.toString()).isPositive();
        }
        assertThat(Files.readAllBytes(Path.of("target/screenshots/main-light.png")))
                .isNotEqualTo(Files.readAllBytes(Path.of("target/screenshots/main-dark.png")));
    }

    /** A small but lifelike desk: web and SMS conversations, one assigned and answered, one closed, followups. */
    private Visitor seed() {
        assertThat(api.post("/api/v1/users", admin, Map.of("email", "jane@dwc.com", "name", "Jane Doe",
                "role", "staff", "password", "jane-long-password")).status()).isEqualTo(201);
        jane = api.login("jane@dwc.com", "jane-long-password");
        String siteKey = server.server().bootstrap().orElseThrow().siteKey();

        sms.contactTexts("+15551234567", "Are you open today? I'd like to pick up my order after work.");
        sms.contactTexts("+447700900123", "Can I change my delivery address? I'm moving on Friday.");
        String smsConversation = conversationOf("+447700900123");
        assertThat(api.patch("/api/v1/conversations/" + smsConversation, jane, Map.of("assignee_id", janeId())).status())
                .isEqualTo(200);
        staffSays(smsConversation, "Of course! Send me the new address and I'll update the order.");
        sms.twilio().next();

        Visitor closed = Visitor.arrive(server, siteKey);
        closed.say("Do you ship to Canada?");
        String closedId = conversationOf(closed.id());
        staffSays(closedId, "We do: 5–7 working days, free over $80.");
        closed.say("Perfect, thanks!");
        assertThat(api.patch("/api/v1/conversations/" + closedId, jane, Map.of("status", "closed")).status())
                .isEqualTo(200);

        leaveFollowup("Maria Gonzalez", "maria@example.com", "Please call me about a bulk order for our office.");
        String viewed = leaveFollowup("Tom Becker", "tom@example.org", "The size guide link on the product page is "
                + "broken.");
        assertThat(api.post("/api/v1/followups/" + viewed + "/view", admin, Map.of()).status()).isEqualTo(200);
        String archived = leaveFollowup("Priya Shah", "priya@example.net", "Do you have gift cards?");
        assertThat(api.post("/api/v1/followups/" + archived + "/archive", admin, Map.of()).status()).isEqualTo(200);

        Visitor visitor = Visitor.arrive(server, siteKey);
        visitor.say("Hi! I ordered the blue jacket last week.");
        visitor.say("The tracking page says it was delivered, but nothing is here.");
        return visitor;
    }

    private void waitForContent(String screen) {
        switch (screen) {
            case "followups" -> desktop.waitFor("the followups", () -> rows("#followupsTable") == 2);
            case "history" -> desktop.waitFor("the history", () -> rows("#historyTable") >= 2);
            case "analytics" -> desktop.waitFor("the tiles", () -> desktop.text("#kpiConversationsValue") != null);
            case "team" -> desktop.waitFor("the team", () -> rows("#teamTable") == 2);
            case "settings" -> desktop.waitFor("the widget's panel open in the preview", () -> "true".equals(preview(
                    "document.querySelector('omnichat-widget').shadowRoot.querySelector('.w').classList.contains('o')"
                    + " && !!document.querySelector('omnichat-widget').shadowRoot.querySelector('[role=dialog]')")));
            default -> throw new IllegalArgumentException(screen);
        }
    }

    private void scrollAnalyticsTo(double position) {
        DesktopDriver.onFx(() -> {
            desktop.robot().lookup(".analytics-screen").queryAs(ScrollPane.class).setVvalue(position);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int rows(String table) {
        return DesktopDriver.onFx(() -> desktop.robot().lookup(table).tryQuery()
                .map(node -> ((javafx.scene.control.TableView<?>) node).getItems().size()).orElse(0));
    }

    private String preview(String script) {
        return DesktopDriver.onFx(() -> {
            try {
                return Objects.toString(desktop.robot().lookup("#widgetPreview").queryAs(WebView.class).getEngine()
                        .executeScript(script), null);
            } catch (RuntimeException notYet) {
                return null;
            }
        });
    }

    private String leaveFollowup(String name, String email, String message) {
        String visitor = api.newVisitor(server.server().bootstrap().orElseThrow().siteKey());
        Api.Reply reply = api.post("/api/v1/widget/followups", visitor,
                Map.of("name", name, "email", email, "message", message));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    private String janeId() {
        return api.get("/api/v1/auth/me", jane).body().path("id").asText();
    }

    private String conversationOf(String externalId) {
        for (JsonNode c : api.get("/api/v1/conversations", admin).body().path("data")) {
            if (externalId.equals(c.path("external_id").asText())) {
                return c.path("id").asText();
            }
        }
        throw new AssertionError("no conversation of " + externalId);
    }

    private void staffSays(String conversationId, String text) {
        Api.Reply reply = api.post("/api/v1/conversations/" + conversationId + "/messages", jane,
                Map.of("client_id", UUID.randomUUID().toString(), "text", text));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }
}
