package com.omnichat.server.channels.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.Browser;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import com.omnichat.server.support.WidgetPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The widget in real headless Chromium against a real server, with staff on the v1 stream and REST. */
class WidgetBrowserTest {
    private static TestServer server;
    private static ChromeDriver driver;
    private static String adminToken;

    private TestSocket staff;
    private WidgetPage widget;

    @BeforeAll
    static void startServerAndBrowser() {
        server = TestServer.start();
        adminToken = server.api().loginAdmin();
        driver = Browser.start();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        driver.quit();
        server.close();
    }

    @BeforeEach
    void freshVisitorWithStaffOnline() {
        staff = staffStream();
        widget = new WidgetPage(driver).load(demoUrl());
        widget.script("localStorage.clear()");
        widget.load(demoUrl());
    }

    @AfterEach
    void closeExtraTabsAndStaff() {
        List<String> handles = new ArrayList<>(driver.getWindowHandles());
        for (String handle : handles.subList(1, handles.size())) {
            driver.switchTo().window(handle).close();
        }
        driver.switchTo().window(handles.get(0));
        staff.close();
    }

    private static String demoUrl() {
        return server.baseUrl() + "/widget-demo";
    }

    private static TestSocket staffStream() {
        TestSocket socket = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + adminToken));
        socket.send(Map.of("type", "hello", "data", Map.of()));
        socket.nextOfType("ready");
        return socket;
    }

    private JsonNode staffHears(String text) {
        return staff.nextMatching(f -> f.path("type").asText().equals("message.created")
                && f.at("/data/text").asText().equals(text)).get("data");
    }

    private static void staffReplies(String conversationId, String text) {
        Api.Reply reply = server.api().post("/api/v1/conversations/" + conversationId + "/messages", adminToken,
                Map.of("client_id", UUID.randomUUID().toString(), "text", text));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    private static List<String> staffSideTexts(String conversationId) {
        JsonNode page = server.api().get("/api/v1/conversations/" + conversationId + "/messages?limit=200", adminToken).body();
        List<String> texts = new ArrayList<>();
        page.get("data").forEach(m -> texts.add(m.get("text").asText()));
        return texts;
    }

    @Test
    void visitorMessageReachesStaffAndStaffReplyAppearsWithTheirName() {
        widget.open();
        widget.send("Where is my order?");

        JsonNode heard = staffHears("Where is my order?");
        staffReplies(heard.get("conversation_id").asText(), "It ships today.");

        widget.awaitSettled("Where is my order?", "It ships today.");
        String names = widget.find(".l").getText();
        assertThat(names).contains("Admin");
    }

    @Test
    void reloadKeepsTheHistoryAndASecondTabShowsTheSameConversation() {
        widget.open();
        widget.send("first from tab one");
        widget.awaitSettled("first from tab one");

        widget.load(demoUrl()).open();
        widget.awaitMessage("first from tab one");

        String firstTab = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        WidgetPage second = new WidgetPage(driver).load(demoUrl()).open();
        second.awaitMessage("first from tab one");
        second.send("from tab two");
        second.awaitSettled("from tab two");

        driver.switchTo().window(firstTab);
        widget.awaitSettled("first from tab one", "from tab two");
        assertThat(Collections.frequency(widget.messages(), "from tab two")).isEqualTo(1);
    }

    @Test
    void afterAServerRestartAndAnOfflineSpellBothSidesHaveEveryMessageExactlyOnce() {
        widget.open();
        widget.send("before the restart");
        String conversationId = staffHears("before the restart").get("conversation_id").asText();
        widget.awaitSettled("before the restart");

        // New sockets and requests from this page fail until released, so the widget stays offline after the server
        // comes back (with only sockets failing it would carry on over REST). Sockets fail at a path of this server
        // that serves no socket: the demo page's policy (connect-src 'self') would block another address before the
        // widget ever saw a failed connection.
        widget.script("window.__realWebSocket = WebSocket; window.__realFetch = fetch;"
                + "window.WebSocket = function () { return new window.__realWebSocket("
                + "location.origin.replace(/^http/, 'ws') + '/no-socket-here'); };"
                + "window.fetch = function () { return Promise.reject(new TypeError('offline')); };");
        staff.close();
        server.restart();
        widget.until(d -> widget.status().contains("Reconnecting"));
        widget.send("sent while offline");
        assertThat(widget.pendingCount()).isEqualTo(1);
        staffReplies(conversationId, "replied while you were away");

        widget.script("window.WebSocket = window.__realWebSocket; window.fetch = window.__realFetch;");
        staff = staffStream();
        widget.awaitSettled("before the restart", "sent while offline", "replied while you were away");

        for (String text : List.of("before the restart", "sent while offline", "replied while you were away")) {
            assertThat(Collections.frequency(widget.messages(), text)).as("widget shows " + text).isEqualTo(1);
            assertThat(Collections.frequency(staffSideTexts(conversationId), text)).as("staff has " + text).isEqualTo(1);
        }
    }

    @Test
    void markupInMessagesIsShownAsTextAndRunsNothing() {
        String image = "<img src=x onerror=\"window.__pwned = 1\">";
        String scriptTag = "<script>window.__pwned = 2</script>";
        widget.open();
        widget.send(image);
        String conversationId = staffHears(image).get("conversation_id").asText();
        staffReplies(conversationId, scriptTag);

        widget.awaitSettled(image, scriptTag);
        assertThat(widget.script("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(widget.script("return document.querySelector('omnichat-widget').shadowRoot"
                + ".querySelectorAll('.l img, .l script').length")).isEqualTo(0L);
    }

    @Test
    void hostPageCssThatRestylesDivButtonAndEverythingDoesNotChangeTheWidget() {
        widget.open();
        widget.send("styled?");
        widget.awaitSettled("styled?");
        Object before = widgetStyles();

        widget.script("var s = document.createElement('style');"
                + "s.textContent = '* { font: 30px serif; color: red; line-height: 3; letter-spacing: 4px; "
                + "box-sizing: content-box; text-align: right; visibility: visible } "
                + "div { padding: 40px; margin: 25px; border: 6px dashed lime; background: yellow; width: 50px; "
                + "display: inline } button { background: black; color: white; border-radius: 0; padding: 30px; "
                + "width: 300px; position: static; font-size: 50px }';"
                + "document.head.append(s);");

        assertThat(widgetStyles()).isEqualTo(before);
    }

    @Test
    void typingIsRelayedBothWays() {
        widget.open();
        widget.send("hello");
        String conversationId = staffHears("hello").get("conversation_id").asText();
        widget.awaitSettled("hello");

        widget.find(".c textarea").sendKeys("still writ");
        staff.nextMatching(f -> f.path("type").asText().equals("typing") && f.at("/data/actor").asText().equals("user")
                && f.at("/data/state").asText().equals("start"));

        staff.send(Map.of("type", "typing", "data", Map.of("conversation_id", conversationId, "state", "start")));
        widget.until(d -> widget.find(".t").getText().contains("typing"));
    }

    @Test
    void keyboardAloneOpensWritesMultiLineMessagesAndCloses() {
        widget.find(".b").sendKeys(Keys.ENTER);
        widget.until(d -> "TEXTAREA".equals(activeElementTag()));

        WebElement input = widget.find(".c textarea");
        input.sendKeys("line one");
        input.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
        input.sendKeys("line two");
        input.sendKeys(Keys.ENTER);
        widget.awaitSettled("line one\nline two");

        input.sendKeys(Keys.ESCAPE);
        widget.until(d -> !widget.find(".p").isDisplayed() && "BUTTON".equals(activeElementTag()));
        assertThat(widget.find(".b").getAttribute("aria-expanded")).isEqualTo("false");
    }

    @Test
    void staffReplyToAClosedPanelShowsAnUnreadBadgeThatOpeningClears() {
        widget.open();
        widget.send("ping me");
        String conversationId = staffHears("ping me").get("conversation_id").asText();
        widget.awaitSettled("ping me");
        widget.find(".h button").click();

        staffReplies(conversationId, "pong");
        widget.until(d -> widget.find(".n").isDisplayed() && widget.find(".n").getText().equals("1"));

        widget.open();
        widget.until(d -> !widget.find(".n").isDisplayed());
    }

    @Test
    void reducedMotionTurnsOffTheWidgetsAnimations() {
        widget.open();
        assertThat(panelAnimation()).isNotEqualTo("none");
        try {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
            assertThat(panelAnimation()).isEqualTo("none");
            assertThat(widget.script("return getComputedStyle(document.querySelector('omnichat-widget').shadowRoot"
                    + ".querySelector('.b')).transitionDuration")).isEqualTo("0s");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    private Object panelAnimation() {
        return widget.script("return getComputedStyle(document.querySelector('omnichat-widget').shadowRoot"
                + ".querySelector('.p')).animationName");
    }

    private String activeElementTag() {
        return (String) widget.script("var a = document.querySelector('omnichat-widget').shadowRoot.activeElement;"
                + "return a && a.tagName");
    }

    /** The computed styles that show whether outside CSS got in, for the widget's main parts. */
    private Object widgetStyles() {
        return widget.script("var root = document.querySelector('omnichat-widget').shadowRoot;"
                + "var props = ['color','font-size','font-family','line-height','letter-spacing','padding-top',"
                + "'margin-top','border-top-width','background-color','width','height','display','position',"
                + "'text-align','box-sizing','border-radius'];"
                + "return ['.w','.b','.p','.h','.s','.l','.m','.c','.c textarea','.k'].map(function (sel) {"
                + "  var cs = getComputedStyle(root.querySelector(sel));"
                + "  return sel + ' ' + props.map(function (p) { return p + '=' + cs.getPropertyValue(p); }).join(';');"
                + "});");
    }
}
