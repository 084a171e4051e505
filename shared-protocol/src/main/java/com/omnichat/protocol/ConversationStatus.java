package com.omnichat.protocol;

/** A visitor's view of its conversation: {"id","status"}. */
public record ConversationStatus(String id, String status) {
}
