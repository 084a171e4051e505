package com.omnichat.desktop.api;

/** A reply the user typed that the server has not confirmed yet. {@code clientId} makes resending it safe. */
public record PendingReply(String clientId, String conversationId, String text, String createdAt) {
}
