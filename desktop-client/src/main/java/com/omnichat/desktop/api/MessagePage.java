package com.omnichat.desktop.api;

import com.omnichat.protocol.MessageView;

import java.util.List;

/** One page of a conversation's messages, ascending by seq. */
public record MessagePage(List<MessageView> data, boolean hasMore, long streamSeq) {
}
