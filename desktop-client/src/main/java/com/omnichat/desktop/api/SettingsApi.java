package com.omnichat.desktop.api;

import java.util.Map;

/** The tenant's settings (PROTOCOL.md §C.5, admins only): read them, change some, rotate the widget's site key. */
public final class SettingsApi {
    private static final String PATH = "/api/v1/settings";

    private final HttpJson http;

    public SettingsApi(HttpJson http) {
        this.http = http;
    }

    public SettingsDocument settings() {
        return new SettingsDocument(http.get(PATH, Map.of()));
    }

    /** Sends only the given changes (the server merges them into what it has); answers the whole new document. */
    public SettingsDocument update(SettingsChanges changes) {
        return new SettingsDocument(http.patch(PATH, changes.body()));
    }

    /** A new site key: the old one stops working at once, so every embedded snippet must be replaced. */
    public SettingsDocument rotateSiteKey() {
        return new SettingsDocument(http.post(PATH + "/widget/rotate-site-key", Map.of()));
    }
}
