package com.omnichat.server.conversations;

/** A conversation row joined with what its views need (assignee name, newest followup contact, last message). */
public record Conversation(
        long id,
        String publicId,
        long tenantId,
        String channel,
        String externalId,
        String status,
        Long assignedUserId,
        String assignedName,
        boolean patienceSent,
        boolean escalationActive,
        Long escalatedAt,
        Long waitingSince,
        long messageCount,
        Long lastMessageSeq,
        String lastMessageSender,
        String lastMessageText,
        Long lastMessageAt,
        String contactName,
        String contactEmail,
        String contactPhone,
        long createdAt,
        long updatedAt,
        Long closedAt) {

    public static final String OPEN = "open";
    public static final String ESCALATED = "escalated";
    public static final String CLOSED = "closed";

    public boolean isClosed() {
        return CLOSED.equals(status);
    }

    public boolean isEscalated() {
        return ESCALATED.equals(status);
    }
}
