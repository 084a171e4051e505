package com.omnichat.desktop.api;

/** What the sign-in screen remembers: server and email always, the token only with "keep me signed in". */
public record SavedSession(String serverUrl, String email, String token) {
}
