package com.omnichat.server.support;

import java.util.Map;

/** Sets a section of a tenant's settings through the settings API, as its admin would. */
public final class ChannelSettings {
    private ChannelSettings() {
    }

    public static void set(Api api, String adminToken, String section, Map<String, String> values) {
        Api.Reply reply = api.patch("/api/v1/settings", adminToken, Map.of(section, values));
        if (reply.status() != 200) {
            throw new AssertionError("settings not saved: " + reply.status() + " " + reply.text());
        }
    }
}
