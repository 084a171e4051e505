package com.omnichat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Browser;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** /docs renders Swagger UI in real headless Chromium, from our own assets, with every operation listed. */
class ApiDocsBrowserTest {
    private static TestServer server;
    private static ChromeDriver driver;

    @BeforeAll
    static void startServerAndBrowser() {
        server = TestServer.start();
        driver = Browser.start();
    }

    @AfterAll
    static void stop() {
        driver.quit();
        server.close();
    }

    @Test
    void theDocsPageListsTheOperationsOfTheDocument() {
        int operations = 0;
        for (JsonNode path : server.api().get("/openapi.json", null).body().get("paths")) {
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                operations += path.has(method) ? 1 : 0;
            }
        }
        driver.get(server.baseUrl() + "/docs");
        int expected = operations;
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector(".opblock")).size() == expected);
        List<String> paths = driver.findElements(By.cssSelector(".opblock-summary-path")).stream()
                .map(WebElement::getText).map(text -> text.replace("\u200B", "")).toList();
        assertThat(paths).contains("/api/v1/analytics/summary", "/admin/api/send", "/api/v1/widget/messages");
        assertThat(driver.findElement(By.cssSelector(".info .title")).getText()).contains("Omnichat API");
        assertThat(driver.findElements(By.cssSelector(".errors-wrapper"))).as("Swagger UI found no errors").isEmpty();
    }
}
