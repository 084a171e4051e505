package com.omnichat.desktop.api;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Remembers the sign-in in the OS user's preferences (java.util.prefs). The token is stored only when the user asks to
 * stay signed in, and removed on sign-out or when the server refuses it.
 */
public final class SessionStore {
    private static final String SERVER = "server_url";
    private static final String EMAIL = "email";
    private static final String TOKEN = "token";

    private final Preferences node;

    public SessionStore(Preferences node) {
        this.node = node;
    }

    public SavedSession load() {
        return new SavedSession(node.get(SERVER, null), node.get(EMAIL, null), node.get(TOKEN, null));
    }

    public void remember(String serverUrl, String email, String tokenOrNull) {
        node.put(SERVER, serverUrl);
        node.put(EMAIL, email);
        if (tokenOrNull == null) {
            node.remove(TOKEN);
        } else {
            node.put(TOKEN, tokenOrNull);
        }
        flush();
    }

    public void forgetToken() {
        node.remove(TOKEN);
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Preferences persist lazily as well; an unflushed write is retried by the JDK at exit.
        }
    }
}
