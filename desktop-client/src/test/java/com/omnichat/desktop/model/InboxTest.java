package com.omnichat.desktop.model;

import com.omnichat.protocol.Contact;
import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.LastMessage;
import com.omnichat.protocol.MessageView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox model alone (JavaFX collections work without a running toolkit). */
class InboxTest {
    @Test
    void streamUpdatesKeepTheUnreadCountRestGaveAndCountNewContactMessagesOnce() {
        Inbox inbox = new Inbox();
        inbox.replaceAll(List.of(conversation("c1", 10, 2L)));

        inbox.upsert(conversation("c1", 10, null));
        assertThat(inbox.find("c1").orElseThrow().unreadCount()).isEqualTo(2L);

        MessageView message = new MessageView("m11", "c1", 11, null, "user", null, "New", "2026-11-25T10:00:01.000000Z", null);
        inbox.messageArrived(message, true);
        inbox.messageArrived(message, true);
        ConversationView after = inbox.find("c1").orElseThrow();
        assertThat(after.unreadCount()).isEqualTo(3L);
        assertThat(after.messageCount()).isEqualTo(2);
        assertThat(after.lastMessage().text()).isEqualTo("New");
        assertThat(inbox.conversations()).hasSize(1);

        inbox.markRead("c1");
        assertThat(inbox.find("c1").orElseThrow().unreadCount()).isZero();
    }

    @Test
    void anOlderPageNeverOverwritesWhatTheStreamAlreadyUpdated() {
        Inbox inbox = new Inbox();
        inbox.replaceAll(List.of(conversation("c1", 20, 0L)));
        inbox.addPage(List.of(conversation("c1", 5, 0L), conversation("c2", 4, 1L)));
        assertThat(inbox.conversations()).extracting(ConversationView::id).containsExactly("c1", "c2");
        assertThat(inbox.find("c1").orElseThrow().lastMessage().seq()).isEqualTo(20);
    }

    private static ConversationView conversation(String id, long lastSeq, Long unread) {
        return new ConversationView(id, "webchat", "v_" + id, "open", null, new Contact(null, null, null), 1, unread,
                new LastMessage(lastSeq, "user", "Old", "2026-11-25T10:00:00.000000Z"), null, false, null, false,
                "2026-11-25T10:00:00.000000Z", "2026-11-25T10:00:00.000000Z", null);
    }
}
