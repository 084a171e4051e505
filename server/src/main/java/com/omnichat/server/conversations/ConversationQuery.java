package com.omnichat.server.conversations;

import java.util.List;

/**
 * Filters of a conversation list; the cursor fields are the sort key and id of the last row of the previous page.
 * {@code waitingFirst} sorts by waiting_since ascending (longest-waiting first, never-waiting last) instead of by
 * most recent activity.
 */
public record ConversationQuery(
        long tenantId,
        List<String> statuses,
        List<String> channels,
        Long assigneeId,
        boolean unassigned,
        String search,
        Long updatedAfter,
        Long updatedBefore,
        boolean waitingFirst,
        Long cursorSortKey,
        Long cursorId,
        int limit) {

    /** Never-waiting conversations sort after every waiting one. */
    public static final long NOT_WAITING = Long.MAX_VALUE;

    public ConversationQuery withLimit(int newLimit) {
        return new ConversationQuery(tenantId, statuses, channels, assigneeId, unassigned, search, updatedAfter,
                updatedBefore, waitingFirst, cursorSortKey, cursorId, newLimit);
    }

    public long sortKeyOf(Conversation conversation) {
        if (!waitingFirst) {
            return conversation.updatedAt();
        }
        return conversation.waitingSince() == null ? NOT_WAITING : conversation.waitingSince();
    }

    public static ConversationQuery statuses(long tenantId, List<String> statuses, int limit) {
        return new ConversationQuery(tenantId, statuses, List.of(), null, false, null, null, null, false, null, null, limit);
    }
}
