package com.omnichat.server.push;

import java.util.Map;

/** One notification to one device, with the fields of the Expo push API (PROTOCOL.md §A.9). */
public record PushMessage(String to, String title, String body, Map<String, Object> data) {
}
