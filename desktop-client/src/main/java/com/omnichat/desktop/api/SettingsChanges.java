package com.omnichat.desktop.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a settings PATCH, built from dotted paths: {@code set("widget.title", "Hi")} becomes
 * {@code {"widget":{"title":"Hi"}}}. The server merges blocks key by key, so only what changed is sent.
 */
public final class SettingsChanges {
    private final Map<String, Object> body = new LinkedHashMap<>();
    private final List<String> paths = new ArrayList<>();

    /** {@code value} may be null: the server then returns that key to its default. */
    @SuppressWarnings("unchecked")
    public SettingsChanges set(String path, Object value) {
        String[] keys = path.split("\\.");
        Map<String, Object> block = body;
        for (int i = 0; i < keys.length - 1; i++) {
            block = (Map<String, Object>) block.computeIfAbsent(keys[i], key -> new LinkedHashMap<String, Object>());
        }
        block.put(keys[keys.length - 1], value);
        paths.add(path);
        return this;
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    /** The dotted paths set so far, in order. */
    public List<String> paths() {
        return Collections.unmodifiableList(paths);
    }

    Map<String, Object> body() {
        return body;
    }
}
