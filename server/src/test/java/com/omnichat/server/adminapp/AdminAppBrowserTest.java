package com.omnichat.server.adminapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.Browser;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin web app in real headless Chromium against a real server, with visitors on the real widget API. */
class AdminAppBrowserTest {
    private static TestServer server;
    private static ChromeDriver driver;
    private static Api api;
    private static String siteKey;

    private AdminAppPage page;

    @BeforeAll
    static void startServerAndBrowser() {
        server = TestServer.start();
        api = server.api();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
        driver = Browser.start();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        driver.quit();
        server.close();
    }

    @BeforeEach
    void signedOut() {
        page = new AdminAppPage(driver, server.baseUrl()).openSignedOut("/admin-app/");
    }

    @Test
    void wrongPasswordShowsAnErrorAndStaysOnTheSignInPage() {
        page.submitSignIn(TestServer.ADMIN_EMAIL, "not-the-password");
        page.until(d -> page.findAll(".login-form .notice.error").stream().anyMatch(e -> e.isDisplayed()));
        assertThat(page.loginError()).isEqualTo("Wrong email or password.");
        assertThat(page.path()).isEqualTo("/admin-app/login");
        assertThat(page.script("return localStorage.length")).isEqualTo(0L);
    }

    @Test
    void aVisitorMessageAppearsLiveInTheInboxAndInTheOpenConversation() {
        page.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Visitor visitor = newVisitor();
        String conversationId = visitor.say("Are you open today?");

        page.awaitRow(conversationId);
        page.openConversation(conversationId);
        page.awaitMessage("Are you open today?");

        visitor.say("Until what time?");
        page.awaitMessage("Until what time?");
        page.awaitRowPreview(conversationId, "Until what time?");
    }

    @Test
    void aReplyTypedInThePageReachesTheVisitorWhoSawStaffTyping() {
        page.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Visitor visitor = newVisitor();
        String conversationId = visitor.say("Can someone help me?");
        try (TestSocket visitorStream = visitor.stream()) {
            page.openConversation(conversationId);
            page.awaitMessage("Can someone help me?");
            page.reply("Yes, how can I help?");

            JsonNode heard = null;
            boolean sawTyping = false;
            while (heard == null || !sawTyping) {
                JsonNode frame = visitorStream.next();
                String type = frame.path("type").asText();
                sawTyping |= type.equals("typing") && frame.at("/data/state").asText().equals("start");
                if (type.equals("message.created") && frame.at("/data/text").asText().equals("Yes, how can I help?")) {
                    heard = frame.get("data");
                }
            }
            assertThat(heard.path("sender").asText()).isEqualTo("staff");
            page.awaitMessage("Yes, how can I help?");
            page.until(d -> page.findAll(".message.pending").isEmpty());
        }
        JsonNode rest = api.get("/api/v1/widget/messages", visitor.auth()).body();
        assertThat(rest.path("data").findValuesAsText("text")).contains("Yes, how can I help?");
    }

    @Test
    void aDeepLinkToAConversationLoadsAfterSignIn() {
        Visitor visitor = newVisitor();
        String conversationId = visitor.say("Deep link please");

        page.openSignedOut("/admin-app/conversations/" + conversationId);
        assertThat(page.path()).isEqualTo("/admin-app/login");
        page.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);

        page.until(d -> page.path().equals("/admin-app/conversations/" + conversationId));
        page.awaitMessage("Deep link please");
    }

    @Test
    void markupInAVisitorMessageIsShownAsLiteralText() {
        page.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        String attack = "<img src=x onerror=alert(1)> <b>bold</b>";
        Visitor visitor = newVisitor();
        String conversationId = visitor.say("Hello");
        visitor.say(attack);

        page.awaitRowPreview(conversationId, attack);
        page.openConversation(conversationId);
        page.awaitMessage(attack);

        assertThat(page.findAll(".inbox img")).isEmpty();
        assertThat(page.findAll(".inbox b")).isEmpty();
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
                .as("the page stays within its Content-Security-Policy")
                .noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
    }

    @Test
    void afterTheStreamDropsThePageResumesAndShowsWhatHappenedMeanwhile() {
        page.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Visitor visitor = newVisitor();
        String conversationId = visitor.say("Before the drop");
        page.awaitRow(conversationId);

        // Requests to the stream fail while blocked, so the page can only learn of the next message by resuming.
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/stream*")));
        try {
            server.restart();
            page.until(d -> !page.streamStatus().equals("Live"));
            visitor.say("While you were away");
            assertThat(page.texts(".conversation-list .preview"))
                    .as("nothing reaches the page while its stream is blocked").doesNotContain("While you were away");
        } finally {
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
        page.awaitLive();
        page.awaitRowPreview(conversationId, "While you were away");
    }

    @Test
    void staffAssignAndCloseFromTheConversationView() {
        page.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        String adminToken = api.loginAdmin();
        String adminId = api.get("/api/v1/auth/me", adminToken).body().path("id").asText();
        String conversationId = newVisitor().say("Please take my case");
        page.openConversation(conversationId);
        page.awaitMessage("Please take my case");

        new Select(page.find(".conversation .actions select[name=assignee]")).selectByValue(adminId);
        page.until(d -> api.get("/api/v1/conversations/" + conversationId, adminToken).body()
                .at("/assignee/id").asText().equals(adminId));

        page.find(".conversation .actions button.danger").click();
        page.until(d -> api.get("/api/v1/conversations/" + conversationId, adminToken).body()
                .path("status").asText().equals("closed"));
        page.until(d -> page.find(".conversation .meta .status-closed").getText().equals("Closed"));
        assertThat(page.find(".conversation .actions button").getText()).isEqualTo("Reopen");
    }

    @Test
    void anAdminAddsAStaffMemberWhoSeesNoAdminSections() {
        page.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        driver.findElement(By.linkText("Users")).click();
        page.until(d -> page.path().equals("/admin-app/users"));
        page.find(".create-user input[name=email]").sendKeys("sam@example.com");
        page.find(".create-user input[name=name]").sendKeys("Sam Staff");
        page.find(".create-user button[type=submit]").click();
        page.until(d -> page.find(".page > .notice.info").getText().contains("Sam Staff can sign in"));
        Matcher generated = Pattern.compile("with the password (\\S+) \\(shown only now\\)")
                .matcher(page.find(".page > .notice.info").getText());
        assertThat(generated.find()).isTrue();
        page.until(d -> page.findAll("table.users tbody tr").size() == 2);

        page.find(".account button").click();
        page.until(d -> !page.findAll(".login-form").isEmpty());
        page.signIn("sam@example.com", generated.group(1));
        assertThat(page.findAll(".nav a").stream().map(e -> e.getText())).containsExactly("Inbox");
        driver.get(server.baseUrl() + "/admin-app/users");
        page.awaitLive();
        page.until(d -> page.find("main h1").getText().equals("Admins only"));
    }

    private Visitor newVisitor() {
        return new Visitor(api.newVisitor(siteKey));
    }

    /** A widget visitor driven over the real visitor API. */
    private record Visitor(String auth) {
        /** Sends a message; returns the conversation's id. */
        String say(String text) {
            Api.Reply sent = api.post("/api/v1/widget/messages", auth,
                    Map.of("client_id", UUID.randomUUID().toString(), "text", text));
            assertThat(sent.status()).as(sent.text()).isEqualTo(201);
            return api.get("/api/v1/widget/messages", auth).body().at("/conversation/id").asText();
        }

        TestSocket stream() {
            String[] credentials = auth.substring("Visitor ".length()).split(":", 2);
            TestSocket socket = TestSocket.open(server.wsUrl("/api/v1/widget/stream"));
            socket.send(Map.of("type", "hello", "seq", "null", "data",
                    Map.of("visitor_id", credentials[0], "visitor_secret", credentials[1])));
            socket.nextOfType("ready");
            return socket;
        }
    }
}
