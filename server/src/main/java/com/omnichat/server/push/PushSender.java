package com.omnichat.server.push;

import java.util.List;

/** Hands notifications to a push service. Called only from the push worker, never from a request or the writer. */
public interface PushSender {
    enum Outcome {
        SENT,
        /** The service says the token no longer reaches a device: forget it. */
        DEVICE_NOT_REGISTERED,
        FAILED
    }

    /** One outcome per message, in order. */
    List<Outcome> send(List<PushMessage> messages);
}
