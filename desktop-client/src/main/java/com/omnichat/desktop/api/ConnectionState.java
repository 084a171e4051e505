package com.omnichat.desktop.api;

/** What the status bar says about the staff stream. */
public enum ConnectionState {
    CONNECTING,
    CONNECTED,
    /** Lost; trying again with backoff. */
    RECONNECTING,
    /** Several attempts in a row failed; still trying, less often. */
    OFFLINE,
    /** Signed out or the session expired: no more attempts. */
    STOPPED
}
