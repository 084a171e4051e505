package com.omnichat.server.followups;

/** A followup as stored, with its conversation's public id and the name of whoever archived it. Times in micros. */
public record StoredFollowup(
        long id,
        long tenantId,
        String conversationPublicId,
        String channel,
        String externalId,
        String name,
        String email,
        String phone,
        String message,
        boolean viewed,
        Long viewedAt,
        long createdAt,
        Long archivedAt,
        Long archivedById,
        String archivedByName) {

    public boolean isArchived() {
        return archivedAt != null;
    }
}
