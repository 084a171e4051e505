package com.omnichat.server.channels.delivery;

import com.omnichat.protocol.Channels;
import com.omnichat.protocol.Timestamps;
import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.conversations.Message;
import com.omnichat.server.conversations.OutboundQueue;
import com.omnichat.server.storage.WriteContext;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** Writes outbound texts into the outbox, split into the parts each provider accepts, and wakes the sender on commit. */
public final class DeliveryOutbox implements OutboundQueue {
    public static final int TWILIO_MAX_CHARS = 1600;
    public static final int MESSENGER_MAX_CHARS = 2000;

    private final OutboxStore store;
    private final Runnable wakeSender;
    private final Clock clock;

    public DeliveryOutbox(OutboxStore store, Runnable wakeSender, Clock clock) {
        this.store = store;
        this.wakeSender = wakeSender;
        this.clock = clock;
    }

    @Override
    public void enqueue(WriteContext tx, ConversationStore.Head conversation, Message message) throws SQLException {
        queue(tx, conversation.tenantId(), message.id(), conversation.channel(), conversation.externalId(), message.text());
    }

    /** An SMS that belongs to no conversation (an escalation alert to a staff phone). */
    public void enqueueAlert(WriteContext tx, long tenantId, String toNumber, String text) throws SQLException {
        queue(tx, tenantId, null, Channels.SMS, toNumber, text);
    }

    private void queue(WriteContext tx, long tenantId, Long messageId, String channel, String recipient, String text)
            throws SQLException {
        long now = Timestamps.toMicros(clock.instant());
        int max = channel.equals(Channels.MESSENGER) ? MESSENGER_MAX_CHARS : TWILIO_MAX_CHARS;
        List<String> parts = TextSplitter.split(text, max);
        for (int i = 0; i < parts.size(); i++) {
            store.insert(tx.connection(), tenantId, messageId, i, channel, recipient, parts.get(i), now);
        }
        tx.afterCommit(wakeSender);
    }
}
