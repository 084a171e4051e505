package com.omnichat.desktop.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings document as the server renders it, read by dotted path ({@code widget.title}). Credentials are never
 * in it: only {@code *_set} flags and a hint of the Twilio token's last characters.
 */
public final class SettingsDocument {
    public static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private final JsonNode root;

    public SettingsDocument(JsonNode root) {
        this.root = root;
    }

    /** The same settings (every value equal), whatever the order of the keys. */
    public boolean sameAs(SettingsDocument other) {
        return other != null && root.equals(other.root);
    }

    public String siteKey() {
        return text("widget.site_key");
    }

    public String tenantName() {
        return text("tenant.name");
    }

    /** The value as text (numbers too), or {@code null} when it is null or absent. */
    public String text(String path) {
        JsonNode node = node(path);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    public boolean flag(String path) {
        return node(path).asBoolean(false);
    }

    public List<String> list(String path) {
        List<String> values = new ArrayList<>();
        node(path).forEach(value -> values.add(value.asText()));
        return values;
    }

    /** {@code null} business hours mean always open. */
    public boolean alwaysOpen() {
        return !node("business_hours").isObject();
    }

    /** The day's opening ranges as {@code [open, close]} pairs; none when closed that day. */
    public List<List<String>> openingHours(String day) {
        List<List<String>> ranges = new ArrayList<>();
        node("business_hours." + day)
                .forEach(range -> ranges.add(List.of(range.path(0).asText(), range.path(1).asText())));
        return ranges;
    }

    private JsonNode node(String path) {
        JsonNode node = root;
        for (String key : path.split("\\.")) {
            node = node.path(key);
        }
        return node;
    }
}
