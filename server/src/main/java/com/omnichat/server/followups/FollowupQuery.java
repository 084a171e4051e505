package com.omnichat.server.followups;

/**
 * Filters of a followup list, newest submission first; the cursor fields are the submission time and id of the last
 * row of the previous page. {@code viewed} null means either; {@code search} matches contact fields and the message.
 */
public record FollowupQuery(
        long tenantId,
        boolean archived,
        Boolean viewed,
        String search,
        Long createdFrom,
        Long createdTo,
        Long cursorCreatedAt,
        Long cursorId,
        int limit) {

    public static FollowupQuery open(long tenantId, int limit) {
        return new FollowupQuery(tenantId, false, null, null, null, null, null, null, limit);
    }
}
