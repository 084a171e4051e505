package com.omnichat.desktop.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.support.AgainstRealServer;
import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.desktop.support.Visitor;
import com.omnichat.server.support.TestServer;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Typing both ways: the contact's typing shows in the conversation and its inbox row; staff typing reaches them. */
class TypingTest extends AgainstRealServer {
    @Test
    void contactTypingShowsInTheConversationAndTheInboxRowThenStopsOrExpires() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        try (Visitor visitor = arrive().connect()) {
            visitor.sayOverSocket("I have a question");
            desktop.openConversationOf(visitor.id(), "I have a question");

            typing(visitor, "start");
            desktop.waitFor("the typing line", () -> "The contact is typing…".equals(desktop.text("#typingIndicator")));
            desktop.waitFor("typing in the inbox row", () -> previews().contains("typing…"));

            typing(visitor, "stop");
            desktop.waitFor("the typing line to go", () -> desktop.text("#typingIndicator").isEmpty());
            desktop.waitFor("the row's preview back", () -> !previews().contains("typing…"));

            // A start nobody renews is forgotten after 6 s (PROTOCOL.md §C.7), as when the visitor's tab closes.
            typing(visitor, "start");
            desktop.waitFor("the typing line again", () -> !desktop.text("#typingIndicator").isEmpty());
            desktop.waitFor("the start to expire", () -> desktop.text("#typingIndicator").isEmpty()
                    && !previews().contains("typing…"));

            // The message the contact was typing ends the typing at once.
            typing(visitor, "start");
            desktop.waitFor("the typing line once more", () -> !desktop.text("#typingIndicator").isEmpty());
            visitor.sayOverSocket("Here it is");
            desktop.waitFor("the message", () -> desktop.rowsWithText("Here it is") == 1);
            desktop.waitFor("typing gone with the message", () -> desktop.text("#typingIndicator").isEmpty());
        }
    }

    @Test
    void staffTypingReachesTheVisitorStartRenewedWhileTypingThenStopAfterAPauseAndOnSend() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        try (Visitor visitor = arrive().connect()) {
            visitor.sayOverSocket("Can you help?");
            desktop.openConversationOf(visitor.id(), "Can you help?");

            desktop.robot().clickOn("#composer").write("Let me");
            assertThat(nextTyping(visitor)).isEqualTo("start");
            // Nothing typed for a while: the visitor is told typing stopped.
            assertThat(nextTyping(visitor)).isEqualTo("stop");

            // Typing without pause for longer than the visitor keeps a start: the start is said again meanwhile.
            desktop.robot().write(" check");
            assertThat(nextTyping(visitor)).isEqualTo("start");
            List<String> states = new ArrayList<>();
            desktop.waitFor("a renewed start while still typing", () -> {
                desktop.robot().write(".");
                visitor.socket().drain().stream().filter(TypingTest::isTyping)
                        .forEach(frame -> states.add(frame.path("data").path("state").asText()));
                return states.contains("start");
            });
            assertThat(states).doesNotContain("stop");

            desktop.robot().type(KeyCode.ENTER);
            assertThat(nextTyping(visitor)).isEqualTo("stop");
            JsonNode reply = visitor.socket().nextMatching(frame -> "message.created".equals(
                    frame.path("type").asText()) && "staff".equals(frame.path("data").path("sender").asText()));
            assertThat(reply.path("data").path("text").asText()).startsWith("Let me check.");
        }
    }

    @Test
    void leavingAConversationWhileTypingStopsTheTypingThereAndKeepsTheDraftForLater() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        try (Visitor ann = arrive().connect(); Visitor bob = arrive().connect()) {
            ann.sayOverSocket("Ann asks");
            bob.sayOverSocket("Bob asks");
            desktop.openConversationOf(ann.id(), "Ann asks");
            desktop.robot().clickOn("#composer").write("Half an answer for Ann");
            assertThat(nextTyping(ann)).isEqualTo("start");

            desktop.openConversationOf(bob.id(), "Bob asks");
            assertThat(nextTyping(ann)).as("Ann is told at once, not after her 6 s expiry").isEqualTo("stop");
            assertThat(desktop.text("#composer")).as("Ann's words are not offered to Bob").isEmpty();
            assertThat(bob.socket().drain()).noneMatch(TypingTest::isTyping);

            desktop.openConversationOf(ann.id(), "Ann asks");
            assertThat(desktop.text("#composer")).isEqualTo("Half an answer for Ann");
        }
    }

    private Visitor arrive() {
        return Visitor.arrive(server, server.server().bootstrap().orElseThrow().siteKey());
    }

    private static void typing(Visitor visitor, String state) {
        visitor.socket().send(Map.of("type", "typing", "seq", 0, "data", Map.of("state", state)));
    }

    private static boolean isTyping(JsonNode frame) {
        return "typing".equals(frame.path("type").asText())
                && "staff".equals(frame.path("data").path("actor").asText());
    }

    private static String nextTyping(Visitor visitor) {
        return visitor.socket().nextMatching(TypingTest::isTyping).path("data").path("state").asText();
    }

    private List<String> previews() {
        return DesktopDriver.onFx(() -> desktop.robot().lookup("#conversationList .conversation-preview")
                .queryAllAs(Label.class).stream().filter(Label::isVisible).map(Label::getText).toList());
    }
}
