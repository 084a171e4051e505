package com.omnichat.server.realtime;

/**
 * A committed, replayable event, with its frames already rendered once for every socket that will get it.
 * {@code visitorKey} is the external id of a webchat conversation (visitor sockets are keyed by it); {@code
 * visitorFrame} is null for events the visitor must not see.
 */
public record StreamEvent(
        long tenantId,
        long seq,
        String type,
        boolean adminOnly,
        Long conversationId,
        String visitorKey,
        String staffFrame,
        String visitorFrame) {
}
