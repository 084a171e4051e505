package com.omnichat.server.secrets;

/** A sealed secret this server's key cannot open: the key was lost or replaced. Never carries the secret. */
public final class UnreadableSecretException extends RuntimeException {
    public UnreadableSecretException(String message) {
        super(message);
    }
}
