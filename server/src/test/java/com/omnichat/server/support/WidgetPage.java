package com.omnichat.server.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** The widget as a visitor sees it on the demo page, reached through its shadow root. */
public final class WidgetPage {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;

    public WidgetPage(WebDriver driver) {
        this.driver = driver;
    }

    public WidgetPage load(String url) {
        driver.get(url);
        until(d -> !d.findElements(By.tagName("omnichat-widget")).isEmpty());
        return this;
    }

    public SearchContext shadow() {
        return driver.findElement(By.tagName("omnichat-widget")).getShadowRoot();
    }

    public WebElement find(String css) {
        return shadow().findElement(By.cssSelector(css));
    }

    public WidgetPage open() {
        find(".b").click();
        until(d -> find(".p").isDisplayed());
        return this;
    }

    public void send(String text) {
        WebElement input = find(".c textarea");
        until(d -> input.isDisplayed());
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** Texts of the message bubbles, in display order. */
    @SuppressWarnings("unchecked")
    public List<String> messages() {
        return (List<String>) script("return Array.from(document.querySelector('omnichat-widget').shadowRoot"
                + ".querySelectorAll('.l .m')).map(m => m.textContent)");
    }

    public int pendingCount() {
        return ((Number) script("return document.querySelector('omnichat-widget').shadowRoot"
                + ".querySelectorAll('.l .m.q').length")).intValue();
    }

    public String status() {
        return find(".s").getText();
    }

    public void awaitMessage(String text) {
        until(d -> messages().contains(text));
    }

    /** Every listed message shown, none pending. */
    public void awaitSettled(String... texts) {
        until(d -> pendingCount() == 0 && messages().containsAll(List.of(texts)));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Waits for the condition; an element the widget re-rendered while it was read means "not yet". */
    public void until(Predicate<WebDriver> condition) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition::test);
    }
}
