package com.omnichat.desktop.gui;

import com.omnichat.desktop.support.AgainstRealServer;
import com.omnichat.desktop.support.Visitor;
import com.omnichat.protocol.ConversationView;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Desktop notifications: a new conversation and a message elsewhere notify; the conversation on screen does not;
 * a burst in one conversation is one notification (Notifier: one per conversation per quiet period); the catch-up
 * after a server restart is never a flood.
 */
class NotificationsTest extends AgainstRealServer {
    private static final String NUMBER = "+15550003333";

    @Test
    void newConversationAndMessagesElsewhereNotifyTheOpenOneDoesNotAndABurstIsOne() {
        // Known before signing in, so nothing about it was notified yet.
        server.server().conversations().receiveFromContact(1, "sms", NUMBER, "Earlier question", "SMn1");
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.openConversationOf(NUMBER, "Earlier question");

        server.server().conversations().receiveFromContact(1, "sms", NUMBER, "Still waiting here", "SMn2");
        desktop.waitFor("the message in the open conversation", () -> desktop.rowsWithText("Still waiting here") == 1);

        Visitor ann = arrive();
        ann.say("Hello from Ann");
        desktop.waitFor("a notification of the new conversation", () -> about(ann).size() == 1);
        assertThat(about(ann).get(0)).contains("Hello from Ann");
        assertThat(desktop.notifications()).as("the open conversation is on screen").hasSize(1);

        ann.say("Ann: are you there?");
        ann.say("Ann: hello??");
        desktop.waitFor("Ann's last message in her inbox row", () -> lastMessageOf(ann).equals("Ann: hello??"));
        assertThat(about(ann)).as("a burst within the quiet period").hasSize(1);

        Visitor bob = arrive();
        bob.say("Bob here");
        desktop.waitFor("a notification of the other conversation", () -> about(bob).size() == 1);
        assertThat(about(bob).get(0)).contains("Bob here");
        assertThat(desktop.notifications()).hasSize(2).noneMatch(n -> n.contains("Still waiting"));
    }

    @Test
    void catchingUpAfterAServerRestartGivesAtMostOneNotificationPerConversation() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Visitor open = arrive();
        open.say("I am the open one");
        desktop.openConversationOf(open.id(), "I am the open one");
        List<Visitor> others = List.of(arrive(), arrive(), arrive());
        int before = desktop.notifications().size();

        server.whileStopped(() -> desktop.waitFor("the outage in the status bar",
                () -> !"Connected".equals(desktop.text("#connectionStatus"))));
        // Back up: the app reconnects within its backoff; these arrive meanwhile (caught up) or just after (live).
        for (Visitor visitor : others) {
            for (int i = 1; i <= 3; i++) {
                visitor.say(visitor.id() + " message " + i);
            }
        }
        open.say("Open one during the outage");

        desktop.waitFor("the stream to reconnect", () -> "Connected".equals(desktop.text("#connectionStatus")));
        desktop.waitFor("every conversation in the inbox with its last message", () -> others.stream()
                .allMatch(v -> lastMessageOf(v).equals(v.id() + " message 3")));
        desktop.waitFor("the open conversation's message",
                () -> desktop.rowsWithText("Open one during the outage") == 1);
        // Live (one per conversation per quiet period) or caught up (one summary): never one per message.
        List<String> after = desktop.notifications().subList(before, desktop.notifications().size());
        assertThat(after.size()).as(after.toString()).isLessThanOrEqualTo(others.size());
        for (Visitor visitor : others) {
            assertThat(after.stream().filter(n -> n.contains(visitor.id()))).as(after.toString())
                    .hasSizeLessThanOrEqualTo(1);
        }
        assertThat(after).noneMatch(n -> n.contains("Open one during the outage"));
    }

    private Visitor arrive() {
        return Visitor.arrive(server, server.server().bootstrap().orElseThrow().siteKey());
    }

    private List<String> about(Visitor visitor) {
        return desktop.notifications().stream().filter(n -> n.contains(visitor.id())).toList();
    }

    private String lastMessageOf(Visitor visitor) {
        return desktop.inboxRows().stream().filter(c -> visitor.id().equals(c.externalId()))
                .map(ConversationView::lastMessage).filter(java.util.Objects::nonNull)
                .map(m -> m.text()).findFirst().orElse("");
    }
}
