package com.omnichat.desktop.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.model.MessageRow;
import com.omnichat.desktop.support.AgainstRealServer;
import com.omnichat.desktop.support.Visitor;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Must-show (b): the server restarts under the running app. The status bar says so, a reply typed meanwhile is sent
 * once the app is back, and what the visitor wrote during the outage shows exactly once.
 */
class ReconnectTest extends AgainstRealServer {
    @Test
    void replyTypedDuringOutageIsSentAfterReconnectAndOutageMessagesShowOnce() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Visitor visitor = Visitor.arrive(server, server.server().bootstrap().orElseThrow().siteKey());
        visitor.say("My order has not arrived");
        desktop.openConversationOf(visitor.id(), "My order has not arrived");

        server.whileStopped(() -> {
            desktop.waitFor("the status bar to show the outage", () -> {
                String status = desktop.text("#connectionStatus");
                return status.startsWith("Reconnecting") || status.startsWith("Offline");
            });
            desktop.reply("Sorry about that, checking now");
            desktop.waitFor("the reply shown as sending", () -> desktop.messageRows().stream()
                    .anyMatch(row -> "Sorry about that, checking now".equals(row.text()) && row.isPending()));
        });
        int notifiedBeforeOutageMessages = desktop.notifications().size();
        // The server is back; the app may not have reconnected yet (its next attempt is up to 2 s away).
        visitor.say("Hello? Still there?");
        visitor.say("Order number is 4711");

        desktop.waitFor("the stream to reconnect", () -> "Connected".equals(desktop.text("#connectionStatus")));
        desktop.waitFor("the outage messages", () -> desktop.rowsWithText("Order number is 4711") == 1
                && desktop.rowsWithText("Hello? Still there?") == 1);
        desktop.waitFor("the reply to be sent", () -> desktop.messageRows().stream()
                .anyMatch(row -> "Sorry about that, checking now".equals(row.text()) && row.message() != null));

        // Caught up after the reconnect (one summary) or live within the quiet period: never one per message.
        assertThat(desktop.notifications().size() - notifiedBeforeOutageMessages).isLessThanOrEqualTo(1);
        List<MessageRow> rows = desktop.messageRows();
        assertThat(rows.stream().filter(row -> "Hello? Still there?".equals(row.text()))).hasSize(1);
        assertThat(rows.stream().filter(row -> "Order number is 4711".equals(row.text()))).hasSize(1);
        assertThat(rows.stream().filter(row -> "Sorry about that, checking now".equals(row.text()))).hasSize(1);
        assertThat(rows).noneMatch(MessageRow::isPending);
        List<JsonNode> seenByVisitor = visitor.messages();
        assertThat(seenByVisitor.stream().filter(m -> "Sorry about that, checking now".equals(m.path("text").asText())))
                .hasSize(1);
        assertThat(desktop.workspace().inbox().conversations()).hasSize(1);
    }
}
