package com.omnichat.server.channels.webchat;

import com.omnichat.server.support.Browser;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.WidgetPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With no staff connected the widget offers the followup form; also the phone-sized layout. */
class OfflineFormBrowserTest {
    private static TestServer server;
    private static ChromeDriver driver;

    private WidgetPage widget;

    @BeforeAll
    static void startServerAndBrowser() {
        server = TestServer.start();
        driver = Browser.start();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        driver.quit();
        server.close();
    }

    @BeforeEach
    void freshVisitor() {
        driver.manage().window().setSize(new Dimension(1280, 900));
        widget = new WidgetPage(driver).load(server.baseUrl() + "/widget-demo");
        widget.script("localStorage.clear()");
        widget.load(server.baseUrl() + "/widget-demo");
    }

    private void fill(String field, String value) {
        WebElement input = widget.find("form [name=" + field + "]");
        input.clear();
        input.sendKeys(value);
    }

    private String errorOf(String field) {
        return widget.find("#e-" + field).getText();
    }

    @Test
    void nothingIsStoredInTheBrowserBeforeTheVisitorOpensTheWidget() {
        assertThat(widget.script("return localStorage.length")).isEqualTo(0L);
        assertThat(widget.script("return document.cookie")).isEqualTo("");
        widget.open();
        widget.until(d -> ((Number) widget.script("return localStorage.length")).intValue() == 1);
    }

    @Test
    void invalidFollowupShowsFieldErrorsAndSendsNothing() throws Exception {
        widget.open();
        widget.until(d -> widget.find("form").isDisplayed());
        fill("name", "Ann");
        widget.find("form button[type=submit]").click();
        widget.until(d -> !errorOf("email").isEmpty());
        assertThat(errorOf("email")).isEqualTo("Give at least one way to reach you");

        fill("email", "ann-at-example");
        widget.find("form button[type=submit]").click();
        widget.until(d -> errorOf("email").equals("Enter a valid email"));
        assertThat(storedFollowupEmails()).isEmpty();
    }

    @Test
    void validFollowupReachesTheFollowupsAndTheVisitorIsThanked() throws Exception {
        widget.open();
        widget.until(d -> widget.find("form").isDisplayed());
        fill("name", "Ann");
        fill("email", "ann@example.com");
        fill("message", "Please call me about my order");
        widget.find("form button[type=submit]").click();

        widget.awaitMessage("✅ Thank you for your message. Our team will respond promptly.");
        assertThat(storedFollowupEmails()).containsExactly("ann@example.com");
    }

    @Test
    void panelFitsAPhoneScreenThreeHundredSixtyPixelsWide() {
        driver.manage().window().setSize(new Dimension(360, 740));
        widget.until(d -> ((Number) widget.script("return window.innerWidth")).intValue() <= 360);
        widget.open();
        int viewport = ((Number) widget.script("return window.innerWidth")).intValue();
        Rectangle panel = widget.find(".p").getRect();
        assertThat(panel.getX()).isGreaterThanOrEqualTo(0);
        assertThat(panel.getX() + panel.getWidth()).isLessThanOrEqualTo(viewport);
    }

    private List<String> storedFollowupEmails() throws Exception {
        List<String> emails = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT email FROM followups ORDER BY id")) {
            while (rs.next()) {
                emails.add(rs.getString(1));
            }
        }
        return emails;
    }
}
