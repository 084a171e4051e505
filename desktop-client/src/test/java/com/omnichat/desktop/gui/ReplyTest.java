package com.omnichat.desktop.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.support.AgainstRealServer;
import com.omnichat.desktop.support.Visitor;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Must-show (a): a visitor writes, staff sees it in the desktop app and answers from the composer. */
class ReplyTest extends AgainstRealServer {
    @Test
    void visitorMessageAppearsLiveAndTheReplyTypedInTheComposerReachesTheVisitor() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        assertThat(desktop.text("#signedInUser")).contains("admin");

        try (Visitor visitor = Visitor.arrive(server, server.server().bootstrap().orElseThrow().siteKey()).connect()) {
            visitor.sayOverSocket("Hello, is anyone there?");

            desktop.waitFor("the new conversation with its unread count", () -> desktop.inboxRows().stream()
                    .anyMatch(c -> visitor.id().equals(c.externalId()) && c.unreadCount() != null && c.unreadCount() == 1));
            desktop.openConversationOf(visitor.id(), "Hello, is anyone there?");
            desktop.waitFor("the conversation to count as read", () -> desktop.inboxRows().stream()
                    .anyMatch(c -> visitor.id().equals(c.externalId()) && c.unreadCount() == 0));
            visitor.socket().send(Map.of("type", "typing", "seq", 0, "data", Map.of("state", "start")));
            desktop.waitFor("the contact's typing to show", () -> desktop.text("#typingIndicator").contains("typing"));

            desktop.reply("Yes! How can I help?");

            JsonNode staffTyping = visitor.socket().nextMatching(frame -> "typing".equals(frame.path("type").asText()));
            assertThat(staffTyping.path("data").path("state").asText()).isEqualTo("start");
            JsonNode received = visitor.socket().nextMatching(frame -> "message.created".equals(frame.path("type").asText())
                    && "staff".equals(frame.path("data").path("sender").asText()));
            assertThat(received.path("data").path("text").asText()).isEqualTo("Yes! How can I help?");
            desktop.waitFor("the reply confirmed in the app", () -> desktop.messageRows().stream()
                    .anyMatch(row -> "Yes! How can I help?".equals(row.text()) && row.message() != null));
            assertThat(desktop.rowsWithText("Yes! How can I help?")).isEqualTo(1);
            assertThat(desktop.text("#composer")).isEmpty();
        }
    }
}
