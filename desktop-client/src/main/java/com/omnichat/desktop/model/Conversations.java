package com.omnichat.desktop.model;

import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.LastMessage;
import com.omnichat.protocol.MessageView;

/** Copies of the immutable conversation record with one aspect changed. */
final class Conversations {
    private Conversations() {
    }

    static ConversationView withMessage(ConversationView c, MessageView m, long unread) {
        return new ConversationView(c.id(), c.channel(), c.externalId(), c.status(), c.assignee(), c.contact(),
                c.messageCount() + 1, unread, new LastMessage(m.seq(), m.sender(), m.text(), m.createdAt()),
                c.waitingSince(), c.patienceSent(), c.escalatedAt(), c.visitorOnline(), c.createdAt(), m.createdAt(),
                c.closedAt());
    }

    static ConversationView withVisitorOnline(ConversationView c, boolean online) {
        return new ConversationView(c.id(), c.channel(), c.externalId(), c.status(), c.assignee(), c.contact(),
                c.messageCount(), c.unreadCount(), c.lastMessage(), c.waitingSince(), c.patienceSent(), c.escalatedAt(),
                online, c.createdAt(), c.updatedAt(), c.closedAt());
    }

    static long lastSeq(ConversationView c) {
        return c.lastMessage() == null ? 0 : c.lastMessage().seq();
    }

    static long unread(ConversationView c) {
        return c.unreadCount() == null ? 0 : c.unreadCount();
    }
}
