package com.omnichat.server.conversations;

import com.omnichat.server.analytics.AnalyticsRecorder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for conversations. Every lookup names the tenant. The statements that start, escalate and close open periods
 * and that count messages also record their analytics facts, in the same transaction.
 */
public final class ConversationStore {
    static final String SELECT = """
            SELECT c.id, c.public_id, c.tenant_id, c.channel, c.external_id, c.status, c.assigned_user_id,
                   u.name AS assigned_name, c.patience_sent, c.escalation_active, c.escalated_at, c.waiting_since,
                   c.message_count, m.seq AS last_seq, m.sender AS last_sender, m.text AS last_text,
                   m.created_at AS last_at,
                   (SELECT f.name FROM followups f WHERE f.conversation_id = c.id ORDER BY f.created_at DESC LIMIT 1) AS contact_name,
                   (SELECT f.email FROM followups f WHERE f.conversation_id = c.id ORDER BY f.created_at DESC LIMIT 1) AS contact_email,
                   (SELECT f.phone FROM followups f WHERE f.conversation_id = c.id ORDER BY f.created_at DESC LIMIT 1) AS contact_phone,
                   c.created_at, c.updated_at, c.closed_at
            FROM conversations c
            LEFT JOIN users u ON u.id = c.assigned_user_id
            LEFT JOIN messages m ON m.id = c.last_message_id
            """;

    /** What the write path needs to know of a conversation, read without the joins of the full views. */
    public record Head(long id, String publicId, long tenantId, String channel, String externalId, String status,
                       Long assignedUserId) {
        public boolean isClosed() {
            return Conversation.CLOSED.equals(status);
        }

        public boolean isEscalated() {
            return Conversation.ESCALATED.equals(status);
        }
    }

    private static final String HEAD = "SELECT id, public_id, tenant_id, channel, external_id, status, assigned_user_id "
            + "FROM conversations ";

    private final AnalyticsRecorder analytics;

    public ConversationStore(AnalyticsRecorder analytics) {
        this.analytics = analytics;
    }

    public Optional<Head> headByKey(Connection c, long tenantId, String channel, String externalId) throws SQLException {
        return head(c, HEAD + "WHERE tenant_id = ? AND channel = ? AND external_id = ?", tenantId, channel, externalId);
    }

    public Optional<Head> headByPublicId(Connection c, long tenantId, String publicId) throws SQLException {
        return head(c, HEAD + "WHERE tenant_id = ? AND public_id = ?", tenantId, publicId);
    }

    private Optional<Head> head(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), nullableLong(rs, "assigned_user_id")));
            }
        }
    }

    public Optional<Conversation> byKey(Connection c, long tenantId, String channel, String externalId) throws SQLException {
        return one(c, SELECT + " WHERE c.tenant_id = ? AND c.channel = ? AND c.external_id = ?", tenantId, channel, externalId);
    }

    public Optional<Conversation> byPublicId(Connection c, long tenantId, String publicId) throws SQLException {
        return one(c, SELECT + " WHERE c.tenant_id = ? AND c.public_id = ?", tenantId, publicId);
    }

    public Optional<Conversation> byId(Connection c, long tenantId, long id) throws SQLException {
        return one(c, SELECT + " WHERE c.tenant_id = ? AND c.id = ?", tenantId, id);
    }

    public long insert(Connection c, long tenantId, String publicId, String channel, String externalId, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO conversations(public_id, tenant_id, channel, external_id, status, escalation_active,
                                          period_started_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'open', 1, ?, ?, ?) RETURNING id""")) {
            ps.setString(1, publicId);
            ps.setLong(2, tenantId);
            ps.setString(3, channel);
            ps.setString(4, externalId);
            ps.setLong(5, now);
            ps.setLong(6, now);
            ps.setLong(7, now);
            long id;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            analytics.periodStarted(c, id, now, false);
            return id;
        }
    }

    /**
     * A new open period started by the contact's message: the escalation clock restarts, and that message (stored
     * just before, in the same transaction) is the period's first contact message.
     */
    public void reopenByContact(Connection c, long id, long now) throws SQLException {
        update(c, """
                UPDATE conversations SET status = 'open', closed_at = NULL, escalation_active = 1, patience_sent = 0,
                       escalated_at = NULL, period_started_at = ?, period_first_contact_at = ?, updated_at = ?
                WHERE id = ?""", now, now, now, id);
        analytics.periodStarted(c, id, now, true);
    }

    /** A new open period started by staff: no escalation clock. */
    public void reopenByStaff(Connection c, long id, long now) throws SQLException {
        update(c, """
                UPDATE conversations SET status = 'open', closed_at = NULL, escalation_active = 0, patience_sent = 0,
                       escalated_at = NULL, period_started_at = ?, period_first_contact_at = NULL, updated_at = ?
                WHERE id = ?""", now, now, id);
        analytics.periodStarted(c, id, now, true);
    }

    /**
     * Escalated: waiting too long (the escalation job), or opened outside business hours. A patience text not sent
     * by now never will be, so its flag is set too.
     */
    public void escalate(Connection c, long id, long now) throws SQLException {
        update(c, "UPDATE conversations SET status = 'escalated', escalated_at = ?, patience_sent = 1, updated_at = ? "
                + "WHERE id = ?", now, now, id);
        analytics.escalated(c, id, now);
    }

    public void markPatienceSent(Connection c, long id, long now) throws SQLException {
        update(c, "UPDATE conversations SET patience_sent = 1, updated_at = ? WHERE id = ?", now, id);
    }

    /** A close by staff, in bulk or by a followup. */
    public void close(Connection c, long id, long now) throws SQLException {
        close(c, id, now, AnalyticsRecorder.CloseReason.MANUAL);
    }

    /** The auto-close job passes {@link AnalyticsRecorder.CloseReason#AUTO}, which analytics count apart. */
    public void close(Connection c, long id, long now, AnalyticsRecorder.CloseReason reason) throws SQLException {
        update(c, """
                UPDATE conversations SET status = 'closed', closed_at = ?, updated_at = ?, assigned_user_id = NULL,
                       escalation_active = 0, patience_sent = 0, escalated_at = NULL
                WHERE id = ?""", now, now, id);
        analytics.closed(c, id, now, reason);
    }

    public void endEscalation(Connection c, long id) throws SQLException {
        update(c, """
                UPDATE conversations SET escalation_active = 0, patience_sent = 0, escalated_at = NULL,
                       status = CASE WHEN status = 'escalated' THEN 'open' ELSE status END
                WHERE id = ?""", id);
    }

    public void assign(Connection c, long id, Long userId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE conversations SET assigned_user_id = ?, updated_at = ? WHERE id = ?")) {
            if (userId == null) {
                ps.setNull(1, Types.INTEGER);
            } else {
                ps.setLong(1, userId);
            }
            ps.setLong(2, now);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** Moves the counters and clocks that a new message changes. */
    public void recordMessage(Connection c, long id, long messageId, String sender, long now) throws SQLException {
        switch (sender) {
            case "user" -> update(c, """
                    UPDATE conversations SET message_count = message_count + 1, last_message_id = ?, updated_at = ?,
                           waiting_since = COALESCE(waiting_since, ?),
                           first_user_message_at = COALESCE(first_user_message_at, ?),
                           period_first_contact_at = COALESCE(period_first_contact_at, ?),
                           last_activity_message_at = ?
                    WHERE id = ?""", messageId, now, now, now, now, now, id);
            case "staff" -> update(c, """
                    UPDATE conversations SET message_count = message_count + 1, last_message_id = ?, updated_at = ?,
                           waiting_since = NULL, first_staff_reply_at = COALESCE(first_staff_reply_at, ?),
                           last_activity_message_at = ?
                    WHERE id = ?""", messageId, now, now, now, id);
            default -> update(c, """
                    UPDATE conversations SET message_count = message_count + 1, last_message_id = ?, updated_at = ?
                    WHERE id = ?""", messageId, now, id);
        }
        analytics.messageCreated(c, id, messageId, sender, now);
    }

    /** Newest first by (updated_at, id); the cursor is the last row's pair. */
    public List<Conversation> list(Connection c, ConversationQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE c.tenant_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(query.tenantId());
        if (!query.statuses().isEmpty()) {
            sql.append(" AND c.status IN (").append(placeholders(query.statuses().size())).append(")");
            args.addAll(query.statuses());
        }
        if (!query.channels().isEmpty()) {
            sql.append(" AND c.channel IN (").append(placeholders(query.channels().size())).append(")");
            args.addAll(query.channels());
        }
        if (query.unassigned()) {
            sql.append(" AND c.assigned_user_id IS NULL");
        } else if (query.assigneeId() != null) {
            sql.append(" AND c.assigned_user_id = ?");
            args.add(query.assigneeId());
        }
        if (query.updatedAfter() != null) {
            sql.append(" AND c.updated_at > ?");
            args.add(query.updatedAfter());
        }
        if (query.updatedBefore() != null) {
            sql.append(" AND c.updated_at < ?");
            args.add(query.updatedBefore());
        }
        if (query.search() != null) {
            String like = "%" + query.search().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append("""
                     AND (lower(c.external_id) LIKE ? ESCAPE '\\'
                      OR EXISTS (SELECT 1 FROM followups f WHERE f.conversation_id = c.id
                                 AND (lower(f.name) LIKE ? ESCAPE '\\' OR lower(f.email) LIKE ? ESCAPE '\\' OR lower(f.phone) LIKE ? ESCAPE '\\'))
                      OR EXISTS (SELECT 1 FROM messages mm WHERE mm.conversation_id = c.id AND lower(mm.text) LIKE ? ESCAPE '\\'))""");
            for (int i = 0; i < 5; i++) {
                args.add(like);
            }
        }
        String waitingKey = "COALESCE(c.waiting_since, " + ConversationQuery.NOT_WAITING + ")";
        if (query.cursorSortKey() != null) {
            sql.append(query.waitingFirst()
                    ? " AND (" + waitingKey + " > ? OR (" + waitingKey + " = ? AND c.id > ?))"
                    : " AND (c.updated_at < ? OR (c.updated_at = ? AND c.id < ?))");
            args.add(query.cursorSortKey());
            args.add(query.cursorSortKey());
            args.add(query.cursorId());
        }
        sql.append(query.waitingFirst()
                ? " ORDER BY " + waitingKey + " ASC, c.id ASC LIMIT ?"
                : " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?");
        args.add(query.limit());
        List<Conversation> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(map(rs));
                }
            }
        }
        return result;
    }

    public long unreadCount(Connection c, long conversationId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COUNT(*) FROM messages m
                WHERE m.conversation_id = ? AND m.sender = 'user'
                  AND m.seq > COALESCE((SELECT r.seq FROM read_markers r WHERE r.user_id = ? AND r.conversation_id = ?), 0)""")) {
            ps.setLong(1, conversationId);
            ps.setLong(2, userId);
            ps.setLong(3, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void markRead(Connection c, long userId, long conversationId, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO read_markers(user_id, conversation_id, seq) VALUES (?, ?, ?)
                ON CONFLICT(user_id, conversation_id) DO UPDATE SET seq = MAX(seq, excluded.seq)""")) {
            ps.setLong(1, userId);
            ps.setLong(2, conversationId);
            ps.setLong(3, seq);
            ps.executeUpdate();
        }
    }

    private Optional<Conversation> one(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        }
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Conversation map(ResultSet rs) throws SQLException {
        return new Conversation(
                rs.getLong("id"), rs.getString("public_id"), rs.getLong("tenant_id"), rs.getString("channel"),
                rs.getString("external_id"), rs.getString("status"), nullableLong(rs, "assigned_user_id"),
                rs.getString("assigned_name"), rs.getInt("patience_sent") == 1, rs.getInt("escalation_active") == 1,
                nullableLong(rs, "escalated_at"), nullableLong(rs, "waiting_since"), rs.getLong("message_count"),
                nullableLong(rs, "last_seq"), rs.getString("last_sender"), rs.getString("last_text"),
                nullableLong(rs, "last_at"), rs.getString("contact_name"), rs.getString("contact_email"),
                rs.getString("contact_phone"), rs.getLong("created_at"), rs.getLong("updated_at"),
                nullableLong(rs, "closed_at"));
    }
}
