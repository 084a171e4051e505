package com.omnichat.desktop.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code from} (inclusive) / {@code to} (exclusive) filter of the history and export routes; either may be open. */
public record TimeRange(Instant from, Instant to) {
    public static final TimeRange ALL = new TimeRange(null, null);

    /** The query parameters; ISO-8601 UTC instants, which the routes accept as well as dates. */
    public Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        if (from != null) {
            query.put("from", from.toString());
        }
        if (to != null) {
            query.put("to", to.toString());
        }
        return query;
    }
}
