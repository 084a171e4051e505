package com.omnichat.server.conversations;

/** A stored message, with its author's display name for staff messages. */
public record Message(
        long id,
        long tenantId,
        long conversationId,
        String conversationPublicId,
        long seq,
        String sender,
        Long staffId,
        String authorName,
        String clientId,
        String text,
        String deliveryStatus,
        String deliveryErrorCode,
        String deliveryErrorMessage,
        Long deliveryUpdatedAt,
        long createdAt) {

    public String publicId() {
        return "m_" + id;
    }
}
