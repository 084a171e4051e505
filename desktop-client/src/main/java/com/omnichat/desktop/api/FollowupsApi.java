package com.omnichat.desktop.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The admin followups routes of /api/v1 (PROTOCOL.md §C.4); see {@link HttpJson} for how calls behave. */
public final class FollowupsApi {
    private final HttpJson api;

    public FollowupsApi(HttpJson api) {
        this.api = api;
    }

    /** Followups not yet archived, newest submission first; the page after {@code cursor} when it is given. */
    public FollowupPage open(String cursor, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("archived", "false");
        query.put("limit", Integer.toString(limit));
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        JsonNode body = api.get("/api/v1/followups", query);
        List<Followup> data = new ArrayList<>();
        body.path("data").forEach(node -> data.add(api.convert(node, Followup.class)));
        return new FollowupPage(data, HttpJson.textOrNull(body, "next_cursor"), body.path("unviewed_count").asLong());
    }

    /** How many followups are neither viewed nor archived, tenant-wide (the list's count; one row is read with it). */
    public long unviewedCount() {
        return open(null, 1).unviewedCount();
    }

    /** Marks it viewed; viewing twice changes nothing. */
    public Followup view(String id) {
        return api.convert(api.post("/api/v1/followups/" + id + "/view", Map.of()), Followup.class);
    }

    /** Moves it into history; an already archived one is a NOT_FOUND failure. */
    public Followup archive(String id) {
        return api.convert(api.post("/api/v1/followups/" + id + "/archive", Map.of()), Followup.class);
    }
}
