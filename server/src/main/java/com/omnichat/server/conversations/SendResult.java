package com.omnichat.server.conversations;

/** A stored message and whether it was stored by this call or by an earlier one with the same client_id. */
public record SendResult(Message message, boolean replay) {
}
