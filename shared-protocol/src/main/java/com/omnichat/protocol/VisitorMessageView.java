package com.omnichat.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a visitor sees of a message: no staff ids, client_id only on its own messages (PROTOCOL.md §C.6). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VisitorMessageView(
        String id,
        long seq,
        String clientId,
        String sender,
        String authorName,
        String text,
        String createdAt) {
}
