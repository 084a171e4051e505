package com.omnichat.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Timestamps;
import com.omnichat.server.conversations.Cursors;
import com.omnichat.server.storage.Database;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a tenant's audit log for its admins (PROTOCOL.md §C.5). */
public final class AuditReader {
    private final Database db;
    private final ObjectMapper json;

    public AuditReader(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public record Page(List<Map<String, Object>> data, String nextCursor) {
    }

    public Page list(AuditQuery q) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, type, actor_kind, actor_id, actor_name, target_kind, target_id, ip, details, at, occurrences
                FROM audit_events WHERE tenant_id = ?""");
        List<Object> args = new ArrayList<>(List.of(q.tenantId()));
        if (q.type() != null && q.type().endsWith(".*")) {
            sql.append(" AND substr(type, 1, ?) = ?");
            String family = q.type().substring(0, q.type().length() - 1);
            args.add(family.length());
            args.add(family);
        } else if (q.type() != null) {
            sql.append(" AND type = ?");
            args.add(q.type());
        }
        if (q.actorId() != null) {
            sql.append(" AND actor_id = ?");
            args.add(q.actorId());
        }
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(q.to());
        }
        if (q.cursorAt() != null) {
            sql.append(" AND (at < ? OR (at = ? AND id < ?))");
            args.add(q.cursorAt());
            args.add(q.cursorAt());
            args.add(q.cursorId());
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(q.limit() + 1);
        return db.read(c -> {
            List<Map<String, Object>> data = new ArrayList<>();
            long lastAt = 0;
            long lastId = 0;
            boolean more = false;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (data.size() == q.limit()) {
                            more = true;
                            break;
                        }
                        lastAt = rs.getLong("at");
                        lastId = rs.getLong("id");
                        data.add(view(rs));
                    }
                }
            }
            return new Page(data, more ? Cursors.encode(lastAt, lastId) : null);
        });
    }

    private Map<String, Object> view(ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", Long.toString(rs.getLong("id")));
        entry.put("at", Timestamps.formatMicros(rs.getLong("at")));
        entry.put("type", rs.getString("type"));
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("kind", rs.getString("actor_kind"));
        actor.put("id", rs.getString("actor_id"));
        actor.put("name", rs.getString("actor_name"));
        entry.put("actor", actor);
        String targetKind = rs.getString("target_kind");
        if (targetKind == null) {
            entry.put("target", null);
        } else {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("kind", targetKind);
            target.put("id", rs.getString("target_id"));
            entry.put("target", target);
        }
        entry.put("ip", rs.getString("ip"));
        entry.put("details", details(rs.getString("details")));
        // How many times it happened in the minute of `at` (§C.5): more than 1 only for merged unauthenticated repeats.
        entry.put("count", rs.getLong("occurrences"));
        return entry;
    }

    private JsonNode details(String stored) {
        try {
            return json.readTree(stored == null ? "{}" : stored);
        } catch (IOException e) {
            // Written by this server as JSON; an unreadable row is shown empty rather than failing the whole page.
            return json.createObjectNode();
        }
    }
}
