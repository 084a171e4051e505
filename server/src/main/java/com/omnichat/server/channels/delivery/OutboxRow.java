package com.omnichat.server.channels.delivery;

/** One queued part of an outbound text: a message part, or an alert when {@code messageId} is null. */
public record OutboxRow(long id, long tenantId, Long messageId, int part, String channel, String recipient, String body,
                        int attempts) {

    public boolean isAlert() {
        return messageId == null;
    }
}
