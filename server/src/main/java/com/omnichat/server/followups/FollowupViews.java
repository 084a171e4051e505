package com.omnichat.server.followups;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.omnichat.protocol.Timestamps.formatMicros;

/** A stored followup as each client is shown it (PROTOCOL.md §A.3, §C.4). */
public final class FollowupViews {
    private FollowupViews() {
    }

    /** The v1 followup object; the id is the legacy integer as a string, so both APIs name the same followup. */
    public static Map<String, Object> v1(StoredFollowup f) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", Long.toString(f.id()));
        view.put("conversation_id", f.conversationPublicId());
        view.put("channel", f.channel());
        view.put("external_id", f.externalId());
        view.put("name", f.name());
        view.put("email", f.email());
        view.put("phone", f.phone());
        view.put("message", f.message());
        view.put("created_at", formatMicros(f.createdAt()));
        view.put("viewed_at", formatMicros(f.viewedAt()));
        view.put("archived_at", formatMicros(f.archivedAt()));
        view.put("archived_by", f.archivedById() == null ? null
                : Map.of("id", Long.toString(f.archivedById()), "name", String.valueOf(f.archivedByName())));
        return view;
    }

    /** The legacy followup row: the only legacy row with a bare integer {@code id}. */
    public static Map<String, Object> legacyRow(StoredFollowup f) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", f.id());
        row.put("user_id", f.externalId());
        row.put("channel", f.channel());
        row.put("name", f.name());
        row.put("email", f.email());
        row.put("phone", f.phone());
        row.put("message", f.message());
        row.put("ts", formatMicros(f.createdAt()));
        row.put("viewed", f.viewed() ? 1 : 0);
        return row;
    }

    /** The legacy history item of an archived followup: {@code history_id}, never a bare {@code id}. */
    public static Map<String, Object> legacyHistoryItem(StoredFollowup f) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("history_id", f.id());
        item.put("user_id", f.externalId());
        item.put("channel", f.channel());
        item.put("assigned_staff", null);
        item.put("created_at", formatMicros(f.createdAt()));
        item.put("updated_at", formatMicros(f.archivedAt()));
        item.put("closed_at", null);
        item.put("name", f.name());
        item.put("email", f.email());
        item.put("phone", f.phone());
        item.put("message", f.message());
        item.put("contact", contact(f));
        item.put("message_count", 0);
        item.put("source", "followup");
        return item;
    }

    /** The legacy export row, keys in this order: the admin SPA builds its CSV header from the first row's keys. */
    public static Map<String, Object> legacyExportRow(StoredFollowup f) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", f.id());
        row.put("user_id", f.externalId());
        row.put("channel", f.channel());
        row.put("name", f.name());
        row.put("contact", contact(f));
        row.put("message", f.message());
        row.put("ts", formatMicros(f.createdAt()));
        row.put("migrated_at", formatMicros(f.archivedAt()));
        return row;
    }

    private static String contact(StoredFollowup f) {
        return "Email: " + (f.email() == null ? "N/A" : f.email()) + ", Phone: " + (f.phone() == null ? "N/A" : f.phone());
    }
}
