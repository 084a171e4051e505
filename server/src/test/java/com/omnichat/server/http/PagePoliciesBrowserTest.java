package com.omnichat.server.http;

import com.omnichat.server.support.Browser;
import com.omnichat.server.support.PolicyViolations;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import com.omnichat.server.support.WidgetPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages that share the admin page's origin still work whole under their Content-Security-Policy, in real
 * Chromium: the policy blocks nothing they need (a blocked script, style or connection is reported and fails here).
 */
class PagePoliciesBrowserTest {
    private static TestServer server;
    private static ChromeDriver driver;
    private static PolicyViolations violations;

    @BeforeAll
    static void startServerAndBrowser() {
        server = TestServer.start();
        driver = Browser.start();
        violations = PolicyViolations.recordIn(driver);
    }

    @AfterAll
    static void stop() {
        driver.quit();
        server.close();
    }

    @Test
    void swaggerUiRendersTheDocumentUnderItsPolicy() {
        driver.get(server.baseUrl() + "/docs");
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(".opblock")).size() > 10);
        driver.findElement(By.cssSelector(".opblock-summary")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(".opblock-body")).isEmpty());
        assertThat(violations.onThisPage()).as("policy violations on /docs").isEmpty();
    }

    @Test
    void theWidgetDemoChatsUnderItsPolicy() {
        String admin = server.api().loginAdmin();
        try (TestSocket staff = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + admin))) {
            staff.send(Map.of("type", "hello", "data", Map.of()));
            staff.nextOfType("ready");
            WidgetPage widget = new WidgetPage(driver).load(server.baseUrl() + "/widget-demo").open();
            widget.send("hello under a strict policy");
            widget.awaitSettled("hello under a strict policy");
            String conversation = server.api().get("/api/v1/conversations", admin).body().at("/data/0/id").asText();
            server.api().post("/api/v1/conversations/" + conversation + "/messages", admin,
                    Map.of("client_id", "policy-reply", "text", "staff answer over the stream"));
            widget.awaitMessage("staff answer over the stream");
        }
        assertThat(violations.onThisPage()).as("policy violations on /widget-demo").isEmpty();
    }
}
