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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget behind a proxy that refuses or cuts WebSockets (PROTOCOL.md §C.6, ARCHITECTURE.md "or REST when sockets
 * are blocked"): the page, the script and the REST routes load normally, the visitor stream does not.
 */
class WidgetRestFallbackBrowserTest {
    /** The socket keeps retrying with backoff up to 30 s plus jitter, so coming back can take that long. */
    private static final Duration SOCKET_RETURN = Duration.ofSeconds(90);
    /**
     * A proxy between the page and the server, run in every page before its own scripts (Chromium's URL blocking does
     * not reach WebSocket handshakes). {@code window.__proxy} says what it does to upgrades to the visitor stream:
     * {@code pass}; {@code refuse}, answering with a plain HTTP error (the upgrade goes to a path the server answers
     * with 404, so the browser fails the handshake); or {@code cut}, letting the upgrade through and closing the
     * socket as soon as it opens. {@code window.__cutAll()} cuts the sockets already open.
     */
    private static final String PROXY = """
            window.__proxy = 'pass';
            (function (RealWebSocket) {
              var STREAM = '/api/v1/widget/stream';
              var open = [];
              function ProxiedWebSocket(url, protocols) {
                url = String(url);
                var stream = url.endsWith(STREAM);
                if (stream && window.__proxy === 'refuse') url = url.slice(0, -STREAM.length) + '/proxy-refused-the-upgrade';
                var ws = protocols === undefined ? new RealWebSocket(url) : new RealWebSocket(url, protocols);
                if (stream) {
                  open.push(ws);
                  if (window.__proxy === 'cut') ws.addEventListener('open', function () { ws.close(); });
                }
                return ws;
              }
              ProxiedWebSocket.prototype = RealWebSocket.prototype;
              ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (k) { ProxiedWebSocket[k] = RealWebSocket[k]; });
              window.WebSocket = ProxiedWebSocket;
              window.__cutAll = function () { open.forEach(function (ws) { ws.close(); }); };
            })(window.WebSocket);
            """;

    private static TestServer server;
    private static ChromeDriver driver;
    private static String adminToken;

    private TestSocket staff;

    @BeforeAll
    static void startServerAndBrowser() {
        server = TestServer.start();
        adminToken = server.api().loginAdmin();
        driver = Browser.start();
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROXY));
    }

    @AfterAll
    static void stopServerAndBrowser() {
        driver.quit();
        server.close();
    }

    @BeforeEach
    void staffOnline() {
        staff = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + adminToken));
        staff.send(Map.of("type", "hello", "data", Map.of()));
        staff.nextOfType("ready");
    }

    @AfterEach
    void unblockAndCloseStaff() {
        block();
        staff.close();
    }

    private static void block(String... urlPatterns) {
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(urlPatterns)));
    }

    /** A new visitor opens the widget with the proxy already doing {@code proxy} (the socket starts on open). */
    private static WidgetPage freshVisitor(String proxy) {
        String demo = server.baseUrl() + "/widget-demo";
        WidgetPage widget = new WidgetPage(driver).load(demo);
        widget.script("localStorage.clear()");
        widget.load(demo).script("window.__proxy = arguments[0]", proxy);
        return widget.open();
    }

    /** The next {@code count} visitor messages on the staff stream, in the order staff got them. */
    private List<JsonNode> staffHearsFromVisitor(int count) {
        List<JsonNode> messages = new ArrayList<>();
        staff.collect(count, f -> f.path("type").asText().equals("message.created")
                && f.at("/data/sender").asText().equals("user")).forEach(f -> messages.add(f.get("data")));
        return messages;
    }

    private static List<String> texts(List<JsonNode> messages) {
        return messages.stream().map(m -> m.get("text").asText()).toList();
    }

    private static boolean visitorSocketOpen(String conversationId) {
        return server.api().get("/api/v1/conversations/" + conversationId, adminToken).body()
                .get("visitor_online").asBoolean();
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

    /** The widget's bubbles among {@code expected}, in display order: a duplicate or a swap shows here. */
    private static List<String> shownOf(WidgetPage widget, List<String> expected) {
        return widget.messages().stream().filter(expected::contains).toList();
    }

    @Test
    void withTheStreamRefusedTheConversationRunsOverRestAndMovesBackToTheSocketWhenItOpens() {
        WidgetPage widget = freshVisitor("refuse");

        List<String> visitorTexts = List.of("Is anyone there?", "My order is late", "Order 1042");
        visitorTexts.forEach(widget::send);
        List<JsonNode> heard = staffHearsFromVisitor(3);
        assertThat(texts(heard)).containsExactlyElementsOf(visitorTexts);
        String conversationId = heard.get(0).get("conversation_id").asText();
        assertThat(visitorSocketOpen(conversationId)).as("the visitor's socket never got through").isFalse();

        staffReplies(conversationId, "Sorry about that");
        staffReplies(conversationId, "It ships today");
        List<String> overRest = List.of("Is anyone there?", "My order is late", "Order 1042",
                "Sorry about that", "It ships today");
        widget.awaitSettled(overRest.toArray(String[]::new));
        assertThat(shownOf(widget, overRest)).containsExactlyElementsOf(overRest);

        // The proxy lets sockets through again; refusing the REST messages route now proves the rest goes by socket.
        block("*/api/v1/widget/messages*");
        widget.script("window.__proxy = 'pass'");
        new WebDriverWait(driver, SOCKET_RETURN).until(d -> visitorSocketOpen(conversationId));
        widget.send("Thanks!");
        assertThat(texts(staffHearsFromVisitor(1))).containsExactly("Thanks!");
        staffReplies(conversationId, "You're welcome");

        List<String> everything = new ArrayList<>(overRest);
        everything.addAll(List.of("Thanks!", "You're welcome"));
        widget.awaitSettled(everything.toArray(String[]::new));
        assertThat(shownOf(widget, everything)).containsExactlyElementsOf(everything);
        List<String> stored = staffSideTexts(conversationId);
        for (String text : everything) {
            assertThat(Collections.frequency(stored, text)).as("staff has " + text + " once").isEqualTo(1);
        }
    }

    @Test
    void aSocketThatTheProxyCutsThreeTimesInARowGivesWayToRestForTheRestOfTheSpell() {
        WidgetPage widget = freshVisitor("pass");
        widget.send("Hello over the socket");
        String conversationId = staffHearsFromVisitor(1).get(0).get("conversation_id").asText();
        widget.awaitSettled("Hello over the socket");

        // Every socket now opens and is cut before it can say hello: only REST can carry what follows.
        widget.script("window.__proxy = 'cut'; window.__cutAll()");
        widget.send("Are you still there?");
        assertThat(texts(staffHearsFromVisitor(1))).containsExactly("Are you still there?");
        staffReplies(conversationId, "Yes, still here");

        List<String> everything = List.of("Hello over the socket", "Are you still there?", "Yes, still here");
        widget.awaitSettled(everything.toArray(String[]::new));
        assertThat(shownOf(widget, everything)).containsExactlyElementsOf(everything);
    }
}
