package com.omnichat.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The staff-side conversation object of /api/v1 (PROTOCOL.md §C.3). unread_count only appears in REST answers. */
public record ConversationView(
        String id,
        String channel,
        String externalId,
        String status,
        UserRef assignee,
        Contact contact,
        long messageCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long unreadCount,
        LastMessage lastMessage,
        String waitingSince,
        boolean patienceSent,
        String escalatedAt,
        boolean visitorOnline,
        String createdAt,
        String updatedAt,
        String closedAt) {

    public ConversationView withUnreadCount(Long count) {
        return new ConversationView(id, channel, externalId, status, assignee, contact, messageCount, count, lastMessage,
                waitingSince, patienceSent, escalatedAt, visitorOnline, createdAt, updatedAt, closedAt);
    }
}
