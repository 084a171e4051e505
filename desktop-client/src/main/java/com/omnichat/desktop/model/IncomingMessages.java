package com.omnichat.desktop.model;

import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.MessageView;

/** Told about each contact message the signed-in user has not seen yet (notifications listen here). */
public interface IncomingMessages {
    /** {@code replayed}: it arrived in the catch-up after a reconnect, not live. */
    void arrived(ConversationView conversation, MessageView message, boolean replayed);

    /** The catch-up after a (re)connect is over. */
    default void caughtUp() {
    }

    IncomingMessages NONE = (conversation, message, replayed) -> {
    };
}
