package com.omnichat.desktop.api;

import com.omnichat.protocol.ConversationView;

/** A closed conversation or an archived followup; {@code kind} says which of the two fields is set. */
public record HistoryItem(String kind, ConversationView conversation, Followup followup) {
    public boolean archivedFollowup() {
        return "followup".equals(kind);
    }

    /** When it entered history: the conversation's close, the followup's archiving. */
    public String at() {
        return archivedFollowup() ? followup.archivedAt() : conversation.closedAt();
    }
}
