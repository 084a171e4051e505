package com.omnichat.server.adminapp;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** The admin web app as staff see it in the browser. */
final class AdminAppPage {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final String baseUrl;

    AdminAppPage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Opens a path below /admin-app with nobody signed in. */
    AdminAppPage openSignedOut(String path) {
        driver.get(baseUrl + "/admin-app/login");
        script("localStorage.clear()");
        driver.get(baseUrl + path);
        until(d -> !d.findElements(By.cssSelector(".login-form")).isEmpty());
        return this;
    }

    void submitSignIn(String email, String password) {
        WebElement emailInput = find(".login-form input[name=email]");
        emailInput.clear();
        emailInput.sendKeys(email);
        WebElement passwordInput = find(".login-form input[name=password]");
        passwordInput.clear();
        passwordInput.sendKeys(password);
        passwordInput.sendKeys(Keys.ENTER);
    }

    /** Signs in and waits until the stream is live, so later events reach the page. */
    AdminAppPage signIn(String email, String password) {
        submitSignIn(email, password);
        awaitLive();
        return this;
    }

    void awaitLive() {
        until(d -> !d.findElements(By.cssSelector(".stream-status[data-state=live]")).isEmpty());
    }

    String streamStatus() {
        return find(".stream-status").getText();
    }

    String loginError() {
        return find(".login-form .notice.error").getText();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String path() {
        return (String) script("return location.pathname");
    }

    /** The inbox row of a conversation, once it is listed. */
    WebElement awaitRow(String conversationId) {
        String css = ".conversation-list li[data-id='" + conversationId + "']";
        until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
        return find(css);
    }

    void awaitRowPreview(String conversationId, String text) {
        until(d -> awaitRow(conversationId).findElement(By.cssSelector(".preview")).getText().endsWith(text));
    }

    void openConversation(String conversationId) {
        awaitRow(conversationId).findElement(By.cssSelector("a")).click();
        until(d -> path().equals("/admin-app/conversations/" + conversationId));
    }

    /** Texts of the conversation's messages, as the page shows them (text content, never markup). */
    @SuppressWarnings("unchecked")
    List<String> messageTexts() {
        return (List<String>) script("return Array.from(document.querySelectorAll('.messages .message-text'))"
                + ".map(m => m.textContent)");
    }

    /** The text of every element matching {@code css}, read in one step (a list re-rendered meanwhile is no error). */
    @SuppressWarnings("unchecked")
    List<String> texts(String css) {
        return (List<String>) script("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(e => e.textContent)", css);
    }

    void awaitMessage(String text) {
        until(d -> messageTexts().contains(text));
    }

    void reply(String text) {
        WebElement input = find("textarea[name=reply]");
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Waits for the condition; an element the page re-rendered while it was read means "not yet". */
    void until(Predicate<WebDriver> condition) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition::test);
    }
}
