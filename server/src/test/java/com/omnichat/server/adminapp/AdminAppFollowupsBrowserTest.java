package com.omnichat.server.adminapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.Browser;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin sections over followups, history and exports, in headless Chromium against a real server. Those routes
 * come from the followups branch: until it is merged this class is skipped, not failed.
 */
class AdminAppFollowupsBrowserTest {
    private static TestServer server;
    private static ChromeDriver driver;
    private static Api api;
    private static String siteKey;
    private static String adminToken;
    private static Path downloads;

    private AdminAppPage page;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        server = TestServer.start();
        api = server.api();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
        adminToken = api.loginAdmin();
        downloads = Files.createTempDirectory("omnichat-downloads");
        driver = Browser.startSavingDownloadsTo(downloads);
    }

    @AfterAll
    static void stopServerAndBrowser() throws IOException {
        driver.quit();
        server.close();
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(downloads);
    }

    @BeforeEach
    void signedIn() {
        page = new AdminAppPage(driver, server.baseUrl()).openSignedOut("/admin-app/")
                .signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    }

    @Test
    void aFollowupShowsWithTheUnviewedBadgeAndCanBeMarkedViewed() {
        String followupId = leaveFollowup("Ann", "ann@example.com", "Please call me <b>tomorrow</b>");
        page.until(d -> badge().isDisplayed() && !badge().getText().isEmpty());
        int unviewedBefore = Integer.parseInt(badge().getText());

        driver.findElement(By.cssSelector(".nav a[href='/admin-app/followups']")).click();
        WebElement card = awaitCard(followupId);
        assertThat(card.findElement(By.cssSelector(".message-text")).getText()).isEqualTo("Please call me <b>tomorrow</b>");
        assertThat(card.findElements(By.cssSelector(".message-text b"))).isEmpty();
        assertThat(card.findElement(By.cssSelector(".tag.new")).getText()).isEqualTo("New");

        card.findElement(By.cssSelector("button.mark-viewed")).click();
        page.until(d -> awaitCard(followupId).findElements(By.cssSelector(".tag.new")).isEmpty());
        JsonNode stored = followup(followupId);
        assertThat(stored.path("viewed_at").isNull()).isFalse();
        page.until(d -> unviewedBefore == 1 ? !badge().isDisplayed() : badge().getText().equals(String.valueOf(unviewedBefore - 1)));
    }

    @Test
    void aFollowupLeftWhileTheListIsOpenAppearsLiveAndCanBeArchived() {
        driver.findElement(By.cssSelector(".nav a[href='/admin-app/followups']")).click();
        page.until(d -> page.path().equals("/admin-app/followups"));
        String followupId = leaveFollowup("Bob", "bob@example.com", "Arrived while you were looking");

        WebElement card = awaitCard(followupId);
        card.findElement(By.cssSelector("button.archive")).click();
        page.until(d -> page.findAll(".cards li[data-id='" + followupId + "']").isEmpty());
        assertThat(followup(followupId).path("archived_at").isNull()).isFalse();
    }

    @Test
    void theExportDownloadsACsvFileUnderTheServersName() throws Exception {
        String visitor = api.newVisitor(siteKey);
        api.post("/api/v1/widget/messages", visitor, Map.of("client_id", UUID.randomUUID().toString(), "text", "Export me"));
        String externalId = visitor.substring("Visitor ".length()).split(":")[0];
        String expectedName = filenameOf(api.get("/api/v1/exports/conversations?format=csv", adminToken)
                .header("Content-Disposition"));

        driver.findElement(By.cssSelector(".nav a[href='/admin-app/history']")).click();
        page.until(d -> page.path().equals("/admin-app/history"));
        new Select(page.find(".export select[name=kind]")).selectByValue("conversations");
        new Select(page.find(".export select[name=format]")).selectByValue("csv");
        page.find(".export button[type=submit]").click();

        Path file = downloads.resolve(expectedName);
        page.until(d -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(expectedName + ".crdownload"))
                && size(file) > 0);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0).replace("\uFEFF", "")).startsWith("id,channel,external_id,status,");
        assertThat(lines).anyMatch(line -> line.contains(externalId));
        page.until(d -> page.find(".export + .notice, .panel .notice.info").getText().contains(expectedName));
    }

    private WebElement badge() {
        return page.find(".nav .badge");
    }

    private WebElement awaitCard(String followupId) {
        String css = ".cards li[data-id='" + followupId + "']";
        page.until(d -> !page.findAll(css).isEmpty());
        return page.find(css);
    }

    private JsonNode followup(String id) {
        for (String archived : List.of("false", "true")) {
            for (JsonNode f : api.get("/api/v1/followups?archived=" + archived, adminToken).body().path("data")) {
                if (f.path("id").asText().equals(id)) {
                    return f;
                }
            }
        }
        throw new AssertionError("no followup " + id);
    }

    private String leaveFollowup(String name, String email, String message) {
        String visitor = api.newVisitor(siteKey);
        Api.Reply reply = api.post("/api/v1/widget/followups", visitor,
                Map.of("name", name, "email", email, "phone", "", "message", message));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    private static String filenameOf(String disposition) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("filename=\"([^\"]+)\"").matcher(disposition);
        assertThat(m.find()).as(disposition).isTrue();
        return m.group(1);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
