package com.omnichat.desktop.model;

import com.omnichat.desktop.api.PendingReply;
import com.omnichat.protocol.MessageView;

/** A line of the conversation: a stored message, or a reply still in the outbox (or refused by the server). */
public record MessageRow(MessageView message, PendingReply pending, String failure) {
    public static MessageRow stored(MessageView message) {
        return new MessageRow(message, null, null);
    }

    public static MessageRow pending(PendingReply reply) {
        return new MessageRow(null, reply, null);
    }

    public boolean isPending() {
        return message == null && failure == null;
    }

    public String text() {
        return message != null ? message.text() : pending.text();
    }
}
