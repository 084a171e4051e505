package com.omnichat.protocol;

public record LastMessage(long seq, String sender, String text, String createdAt) {
}
