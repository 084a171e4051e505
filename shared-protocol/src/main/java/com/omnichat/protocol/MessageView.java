package com.omnichat.protocol;

/** The staff-side message object of /api/v1 (PROTOCOL.md §C.3). */
public record MessageView(
        String id,
        String conversationId,
        long seq,
        String clientId,
        String sender,
        UserRef author,
        String text,
        String createdAt,
        Delivery delivery) {
}
