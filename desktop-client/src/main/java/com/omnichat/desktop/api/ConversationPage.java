package com.omnichat.desktop.api;

import com.omnichat.protocol.ConversationView;

import java.util.List;

/** One page of {@code GET /api/v1/conversations}. */
public record ConversationPage(List<ConversationView> data, String nextCursor, long streamSeq) {
}
