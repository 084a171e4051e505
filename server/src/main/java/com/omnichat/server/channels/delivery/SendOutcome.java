package com.omnichat.server.channels.delivery;

/** What one attempt to hand a part to its provider came to. */
public sealed interface SendOutcome {
    /** The provider took it: its id for the part and our status (queued or sent). */
    record HandedOff(String providerId, String status) implements SendOutcome {
    }

    /** A final refusal: the provider's error code and message. */
    record Refused(String code, String message) implements SendOutcome {
    }

    /** Worth trying again later (network error, 429, 5xx); the reason is kept for when retries run out. */
    record TryLater(String code, String message) implements SendOutcome {
    }
}
