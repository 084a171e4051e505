package com.omnichat.server.conversations;

import com.omnichat.server.storage.WriteContext;

import java.sql.SQLException;

/**
 * Takes staff and system messages of SMS, WhatsApp and Messenger conversations for delivery through their channel,
 * in the transaction that stores them, so a committed message is never lost before it reaches the provider.
 */
public interface OutboundQueue {
    OutboundQueue NONE = (tx, conversation, message) -> { };

    void enqueue(WriteContext tx, ConversationStore.Head conversation, Message message) throws SQLException;
}
