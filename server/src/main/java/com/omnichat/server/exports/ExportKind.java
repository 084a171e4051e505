package com.omnichat.server.exports;

import java.util.List;
import java.util.Optional;

/**
 * What can be exported, with the exact columns of PROTOCOL.md §C.4 and the query that yields them in order. Every
 * query is bound to one tenant; {@code %s} takes the optional range and channel conditions.
 */
public enum ExportKind {
    CONVERSATIONS("conversations", List.of(
            new Column("id", Column.Type.TEXT),
            new Column("channel", Column.Type.TEXT),
            new Column("external_id", Column.Type.TEXT),
            new Column("status", Column.Type.TEXT),
            new Column("assignee_name", Column.Type.TEXT),
            new Column("contact_name", Column.Type.TEXT),
            new Column("contact_email", Column.Type.TEXT),
            new Column("contact_phone", Column.Type.TEXT),
            new Column("created_at", Column.Type.TIME),
            new Column("closed_at", Column.Type.TIME),
            new Column("message_count", Column.Type.INTEGER),
            new Column("first_response_seconds", Column.Type.SECONDS)), """
            SELECT c.public_id, c.channel, c.external_id, c.status, u.name,
                   (SELECT f.name FROM followups f WHERE f.conversation_id = c.id ORDER BY f.created_at DESC LIMIT 1),
                   (SELECT f.email FROM followups f WHERE f.conversation_id = c.id ORDER BY f.created_at DESC LIMIT 1),
                   (SELECT f.phone FROM followups f WHERE f.conversation_id = c.id ORDER BY f.created_at DESC LIMIT 1),
                   c.created_at, c.closed_at, c.message_count,
                   CASE WHEN c.first_staff_reply_at >= c.first_user_message_at
                        THEN c.first_staff_reply_at - c.first_user_message_at END
            FROM conversations c LEFT JOIN users u ON u.id = c.assigned_user_id
            WHERE c.tenant_id = ? %s
            ORDER BY c.created_at, c.id""", "c.created_at", "c.channel"),
    MESSAGES("messages", List.of(
            new Column("conversation_id", Column.Type.TEXT),
            new Column("channel", Column.Type.TEXT),
            new Column("external_id", Column.Type.TEXT),
            new Column("seq", Column.Type.INTEGER),
            new Column("created_at", Column.Type.TIME),
            new Column("sender", Column.Type.TEXT),
            new Column("author_name", Column.Type.TEXT),
            new Column("text", Column.Type.TEXT),
            new Column("delivery_status", Column.Type.TEXT)), """
            SELECT c.public_id, c.channel, c.external_id, m.seq, m.created_at, m.sender, u.name, m.text,
                   m.delivery_status
            FROM messages m JOIN conversations c ON c.id = m.conversation_id LEFT JOIN users u ON u.id = m.staff_id
            WHERE m.tenant_id = ? %s
            ORDER BY m.seq""", "m.created_at", "c.channel"),
    FOLLOWUPS("followups", List.of(
            new Column("id", Column.Type.ID),
            new Column("conversation_id", Column.Type.TEXT),
            new Column("channel", Column.Type.TEXT),
            new Column("external_id", Column.Type.TEXT),
            new Column("name", Column.Type.TEXT),
            new Column("email", Column.Type.TEXT),
            new Column("phone", Column.Type.TEXT),
            new Column("message", Column.Type.TEXT),
            new Column("created_at", Column.Type.TIME),
            new Column("viewed_at", Column.Type.TIME),
            new Column("archived_at", Column.Type.TIME)), """
            SELECT f.id, c.public_id, f.channel, f.external_id, f.name, f.email, f.phone, f.message, f.created_at,
                   f.viewed_at, f.archived_at
            FROM followups f LEFT JOIN conversations c ON c.id = f.conversation_id
            WHERE f.tenant_id = ? %s
            ORDER BY f.created_at, f.id""", "f.created_at", "f.channel");

    /** One exported column; the type says how the stored value is written. */
    public record Column(String name, Type type) {
        public enum Type {
            TEXT,
            /** A number: a JSON number and a plain CSV cell. */
            INTEGER,
            /** A numeric database id that clients know as a string (followup ids). */
            ID,
            /** Epoch microseconds, written as an ISO-8601 UTC timestamp. */
            TIME,
            /** A duration in microseconds, written as seconds. */
            SECONDS
        }
    }

    private final String pathName;
    private final List<Column> columns;
    private final String sql;
    private final String timeColumn;
    private final String channelColumn;

    ExportKind(String pathName, List<Column> columns, String sql, String timeColumn, String channelColumn) {
        this.pathName = pathName;
        this.columns = columns;
        this.sql = sql;
        this.timeColumn = timeColumn;
        this.channelColumn = channelColumn;
    }

    public static Optional<ExportKind> byPathName(String name) {
        for (ExportKind kind : values()) {
            if (kind.pathName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public String pathName() {
        return pathName;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The query with the filter's conditions in place; parameters: tenant, then {@link ExportFilter#arguments}. */
    String sql(ExportFilter filter) {
        StringBuilder conditions = new StringBuilder();
        if (filter.from() != null) {
            conditions.append(" AND ").append(timeColumn).append(" >= ?");
        }
        if (filter.to() != null) {
            conditions.append(" AND ").append(timeColumn).append(" < ?");
        }
        if (!filter.channels().isEmpty()) {
            conditions.append(" AND ").append(channelColumn).append(" IN (")
                    .append(String.join(", ", filter.channels().stream().map(c -> "?").toList())).append(")");
        }
        return sql.formatted(conditions);
    }
}
