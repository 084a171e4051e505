package com.omnichat.server.conversations;

/**
 * Hears of each new contact message after it committed, on the publisher thread: an implementation must only hand
 * the fact on (a bounded queue, for example), never block or do I/O there.
 */
public interface ContactMessageListener {
    ContactMessageListener NONE = (tenantId, conversationId, channel, externalId, text) -> { };

    void contactMessage(long tenantId, long conversationId, String channel, String externalId, String text);
}
