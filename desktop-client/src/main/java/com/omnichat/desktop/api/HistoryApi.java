package com.omnichat.desktop.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/history}: closed conversations and archived followups, newest first, in pages (§C.4). */
public final class HistoryApi {
    private final HttpJson api;

    public HistoryApi(HttpJson api) {
        this.api = api;
    }

    /** Items that entered history within {@code range}; the page after {@code cursor} when it is given. */
    public HistoryPage page(TimeRange range, String cursor, int limit) {
        Map<String, String> query = range.query();
        query.put("limit", Integer.toString(limit));
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        JsonNode body = api.get("/api/v1/history", query);
        List<HistoryItem> data = new ArrayList<>();
        body.path("data").forEach(node -> data.add(api.convert(node, HistoryItem.class)));
        return new HistoryPage(data, HttpJson.textOrNull(body, "next_cursor"));
    }
}
