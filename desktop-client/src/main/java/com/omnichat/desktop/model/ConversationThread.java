package com.omnichat.desktop.model;

import com.omnichat.desktop.api.MessagePage;
import com.omnichat.desktop.api.PendingReply;
import com.omnichat.protocol.MessageView;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import com.omnichat.protocol.Delivery;

/**
 * The messages of the open conversation, ascending by seq, each once: a message is recognised by id or, for our own
 * replies, by client id (the stream's echo and the outbox's confirmation are the same message).
 */
public final class ConversationThread {
    private final String conversationId;
    private final ObservableList<MessageRow> rows = FXCollections.observableArrayList();
    private final BooleanProperty hasOlder = new SimpleBooleanProperty(false);
    private final BooleanProperty loading = new SimpleBooleanProperty(true);

    public ConversationThread(String conversationId) {
        this.conversationId = conversationId;
    }

    public String conversationId() {
        return conversationId;
    }

    public ObservableList<MessageRow> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty hasOlderProperty() {
        return hasOlder;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    /** The newest page; messages that arrived live meanwhile are kept. */
    void showNewest(MessagePage page) {
        page.data().forEach(this::add);
        hasOlder.set(page.hasMore());
        loading.set(false);
    }

    void prependOlder(MessagePage page) {
        List<MessageRow> older = new ArrayList<>();
        for (MessageView message : page.data()) {
            if (indexOf(message) < 0) {
                older.add(MessageRow.stored(message));
            }
        }
        rows.addAll(0, older);
        hasOlder.set(page.hasMore());
        loading.set(false);
    }

    /** The smallest seq shown, where the next older page ends. */
    Long oldestSeq() {
        return rows.stream().filter(r -> r.message() != null).map(r -> r.message().seq()).findFirst().orElse(null);
    }

    public long newestSeq() {
        long newest = 0;
        for (MessageRow row : rows) {
            if (row.message() != null) {
                newest = Math.max(newest, row.message().seq());
            }
        }
        return newest;
    }

    void add(MessageView message) {
        if (!message.conversationId().equals(conversationId)) {
            return;
        }
        int known = indexOf(message);
        if (known >= 0) {
            rows.set(known, MessageRow.stored(message));
            return;
        }
        int at = rows.size();
        while (at > 0 && rows.get(at - 1).message() != null && rows.get(at - 1).message().seq() > message.seq()) {
            at--;
        }
        // Stored messages go before replies still waiting in the outbox.
        while (at > 0 && rows.get(at - 1).message() == null) {
            at--;
        }
        rows.add(at, MessageRow.stored(message));
    }

    /** A newer delivery state of one of our SMS/Messenger replies (statuses only move forward on the server). */
    void delivery(String messageId, Delivery delivery) {
        for (int i = 0; i < rows.size(); i++) {
            MessageView m = rows.get(i).message();
            if (m != null && m.id().equals(messageId)) {
                rows.set(i, MessageRow.stored(new MessageView(m.id(), m.conversationId(), m.seq(), m.clientId(),
                        m.sender(), m.author(), m.text(), m.createdAt(), delivery)));
                return;
            }
        }
    }

    void addPending(PendingReply reply) {
        if (reply.conversationId().equals(conversationId)) {
            rows.add(MessageRow.pending(reply));
        }
    }

    void rejected(PendingReply reply, String why) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).pending() != null && rows.get(i).pending().clientId().equals(reply.clientId())) {
                rows.set(i, new MessageRow(null, reply, why));
            }
        }
    }

    private int indexOf(MessageView message) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            MessageRow row = rows.get(i);
            if (row.message() != null && row.message().id().equals(message.id())) {
                return i;
            }
            if (message.clientId() != null && "staff".equals(message.sender()) && row.message() == null
                    && Objects.equals(row.pending().clientId(), message.clientId())) {
                return i;
            }
        }
        return -1;
    }
}
