package com.omnichat.server.conversations;

import java.util.List;

/** Filters of a conversation list; cursor fields are the last row of the previous page. */
public record ConversationQuery(
        long tenantId,
        List<String> statuses,
        List<String> channels,
        Long assigneeId,
        boolean unassigned,
        String search,
        Long updatedAfter,
        Long updatedBefore,
        Long cursorUpdatedAt,
        Long cursorId,
        int limit) {

    public static ConversationQuery statuses(long tenantId, List<String> statuses, int limit) {
        return new ConversationQuery(tenantId, statuses, List.of(), null, false, null, null, null, null, null, limit);
    }
}
