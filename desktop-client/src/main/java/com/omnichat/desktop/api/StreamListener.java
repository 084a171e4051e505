package com.omnichat.desktop.api;

import com.omnichat.protocol.Envelope;

/** Receives what the staff stream delivers, on the stream's own thread. */
public interface StreamListener {
    void onState(ConnectionState state);

    /** A persisted or ephemeral event other than the control frames handled by the stream itself. */
    void onEvent(Envelope event);

    /** Replay finished; the stream is live. */
    void onReady(long headSeq);

    /** The server could not replay from our seq: reload state over REST. */
    void onReset(long headSeq);

    /** The token was refused (4401/4403): the session is over. */
    void onAuthenticationFailed();
}
