package com.omnichat.desktop.model;

import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.MessageView;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every conversation the app knows, newest state only; changed on the FX thread. Stream events carry no unread
 * count, so the count REST gave is kept and moved here.
 */
public final class Inbox {
    /** Bounded so days of uptime do not grow the heap without end; the oldest are dropped from memory only. */
    static final int MAX_CONVERSATIONS = 50_000;

    private final ObservableList<ConversationView> conversations = FXCollections.observableArrayList();
    private final Map<String, ConversationView> byId = new HashMap<>();
    private final ObservableMap<String, Boolean> visitorTyping = FXCollections.observableHashMap();

    public ObservableList<ConversationView> conversations() {
        return conversations;
    }

    /** Conversation ids whose contact is typing right now. */
    public ObservableMap<String, Boolean> visitorTyping() {
        return visitorTyping;
    }

    public Optional<ConversationView> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public void replaceAll(List<ConversationView> fresh) {
        byId.clear();
        fresh.forEach(c -> byId.put(c.id(), c));
        conversations.setAll(fresh);
    }

    /** Adds an older page; a conversation already known is newer here (the stream updated it), so it stays. */
    public void addPage(List<ConversationView> page) {
        List<ConversationView> unknown = new ArrayList<>();
        for (ConversationView c : page) {
            if (byId.size() < MAX_CONVERSATIONS && byId.putIfAbsent(c.id(), c) == null) {
                unknown.add(c);
            }
        }
        conversations.addAll(unknown);
    }

    /** A new state of a conversation from REST (with its unread count) or the stream (without). */
    public void upsert(ConversationView fresh) {
        ConversationView known = byId.get(fresh.id());
        ConversationView merged = fresh.unreadCount() != null || known == null
                ? fresh : fresh.withUnreadCount(known.unreadCount());
        replace(known, merged);
    }

    /** A REST read that may have been overtaken by stream events meanwhile: applied only if not older. */
    public void upsertUnlessOlder(ConversationView fromRest) {
        ConversationView known = byId.get(fromRest.id());
        if (known == null || known.updatedAt() == null || fromRest.updatedAt() == null
                || fromRest.updatedAt().compareTo(known.updatedAt()) >= 0) {
            upsert(fromRest);
        } else {
            replace(known, known.withUnreadCount(fromRest.unreadCount()));
        }
    }

    /** Moves last message, count and unread with a new message; ignores a message already counted. */
    public void messageArrived(MessageView message, boolean countsAsUnread) {
        ConversationView known = byId.get(message.conversationId());
        if (known == null || message.seq() <= Conversations.lastSeq(known)) {
            return;
        }
        long unread = Conversations.unread(known) + (countsAsUnread ? 1 : 0);
        replace(known, Conversations.withMessage(known, message, unread));
    }

    public void markRead(String id) {
        ConversationView known = byId.get(id);
        if (known != null && Conversations.unread(known) != 0) {
            replace(known, known.withUnreadCount(0L));
        }
    }

    public void visitorOnline(String id, boolean online) {
        ConversationView known = byId.get(id);
        if (known != null && known.visitorOnline() != online) {
            replace(known, Conversations.withVisitorOnline(known, online));
        }
    }

    private void replace(ConversationView known, ConversationView fresh) {
        byId.put(fresh.id(), fresh);
        int index = known == null ? -1 : conversations.indexOf(known);
        if (index >= 0) {
            conversations.set(index, fresh);
        } else {
            conversations.add(0, fresh);
        }
    }
}
