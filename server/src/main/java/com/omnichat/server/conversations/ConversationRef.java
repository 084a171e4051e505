package com.omnichat.server.conversations;

/** How a request names a conversation of the caller's tenant: the legacy key or the opaque v1 id. */
public sealed interface ConversationRef {
    record ByKey(String channel, String externalId) implements ConversationRef {
    }

    record ByPublicId(String publicId) implements ConversationRef {
    }
}
