package com.omnichat.server.channels.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the delivery outbox and the delivery columns of messages. */
public final class OutboxStore {
    private static final String ROW = "SELECT o.id, o.tenant_id, o.message_id, o.part, o.channel, o.recipient, o.body, "
            + "o.attempts FROM delivery_outbox o ";

    public void insert(Connection c, long tenantId, Long messageId, int part, String channel, String recipient,
                       String body, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO delivery_outbox(tenant_id, message_id, part, channel, recipient, body, state, attempts,
                                            next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)""")) {
            ps.setLong(1, tenantId);
            ps.setObject(2, messageId);
            ps.setInt(3, part);
            ps.setString(4, channel);
            ps.setString(5, recipient);
            ps.setString(6, body);
            ps.setLong(7, now);
            ps.setLong(8, now);
            ps.setLong(9, now);
            ps.executeUpdate();
        }
    }

    public java.util.Map<String, Long> pendingByChannel(Connection c) throws SQLException {
        java.util.Map<String, Long> pending = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT channel, COUNT(*) FROM delivery_outbox WHERE state = 'pending' GROUP BY channel");
             java.sql.ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                pending.put(rs.getString(1), rs.getLong(2));
            }
        }
        return pending;
    }

    /**
     * Pending parts whose time has come, oldest first, each the first pending one for its recipient: a retry holds
     * back later texts to the same person, so they arrive in the order staff wrote them.
     */
    public List<OutboxRow> due(Connection c, long now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROW + """
                WHERE o.state = 'pending' AND o.next_attempt_at <= ?
                  AND NOT EXISTS (SELECT 1 FROM delivery_outbox e WHERE e.state = 'pending' AND e.tenant_id = o.tenant_id
                                  AND e.channel = o.channel AND e.recipient = o.recipient AND e.id < o.id)
                ORDER BY o.next_attempt_at, o.id LIMIT ?""")) {
            ps.setLong(1, now);
            ps.setInt(2, limit);
            return rows(ps);
        }
    }

    public Optional<OutboxRow> byProviderId(Connection c, String providerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROW + "WHERE o.provider_id = ? ORDER BY o.id LIMIT 1")) {
            ps.setString(1, providerId);
            List<OutboxRow> rows = rows(ps);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    public void handedOff(Connection c, long id, String providerId, String status, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE delivery_outbox SET state = 'handed_off', attempts = attempts + 1, provider_id = ?,
                       provider_status = ?, updated_at = ? WHERE id = ?""")) {
            ps.setString(1, providerId);
            ps.setString(2, status);
            ps.setLong(3, now);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    public void retryAt(Connection c, long id, long at, String code, String message, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE delivery_outbox SET attempts = attempts + 1, next_attempt_at = ?, error_code = ?,
                       error_message = ?, updated_at = ? WHERE id = ?""")) {
            ps.setLong(1, at);
            ps.setString(2, code);
            ps.setString(3, message);
            ps.setLong(4, now);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
    }

    /** Fails this part and, for a message, its parts still waiting: the rest of a text makes no sense alone. */
    public void fail(Connection c, OutboxRow row, String code, String message, long now) throws SQLException {
        String sql = row.messageId() == null
                ? "UPDATE delivery_outbox SET state = 'failed', provider_status = 'failed', error_code = ?, "
                + "error_message = ?, updated_at = ? WHERE id = ?"
                : "UPDATE delivery_outbox SET state = 'failed', provider_status = 'failed', error_code = ?, "
                + "error_message = ?, updated_at = ? WHERE id = ? OR (message_id = ? AND state = 'pending')";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, code);
            ps.setString(2, message);
            ps.setLong(3, now);
            ps.setLong(4, row.id());
            if (row.messageId() != null) {
                ps.setLong(5, row.messageId());
            }
            ps.executeUpdate();
        }
    }

    /** A status the provider reported later for a handed-off part. */
    public void reported(Connection c, long id, String status, String code, String message, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE delivery_outbox SET provider_status = ?, error_code = COALESCE(?, error_code),
                       error_message = COALESCE(?, error_message), updated_at = ? WHERE id = ?""")) {
            ps.setString(1, status);
            ps.setString(2, code);
            ps.setString(3, message);
            ps.setLong(4, now);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
    }

    public String partStatus(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT provider_status FROM delivery_outbox WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Each part's status; parts still waiting count as pending. */
    public List<String> partStatuses(Connection c, long messageId) throws SQLException {
        List<String> statuses = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(provider_status, 'pending') FROM delivery_outbox WHERE message_id = ? ORDER BY part")) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    statuses.add(rs.getString(1));
                }
            }
        }
        return statuses;
    }

    /** The error of the first failed part: what the message shows. */
    public record FirstError(String code, String message) {
    }

    public FirstError firstError(Connection c, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT error_code, error_message FROM delivery_outbox
                WHERE message_id = ? AND provider_status IN ('failed', 'undelivered') ORDER BY part LIMIT 1""")) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new FirstError(rs.getString(1), rs.getString(2)) : new FirstError(null, null);
            }
        }
    }

    public record MessageDelivery(long tenantId, long conversationId, String conversationPublicId, String channel,
                                  String externalId, String status) {
    }

    public Optional<MessageDelivery> messageDelivery(Connection c, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.tenant_id, m.conversation_id, c.public_id, c.channel, c.external_id, m.delivery_status
                FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ?""")) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new MessageDelivery(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6))) : Optional.empty();
            }
        }
    }

    public void updateMessage(Connection c, long messageId, String status, String providerId, String code,
                              String message, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE messages SET delivery_status = ?, provider_id = COALESCE(provider_id, ?),
                       delivery_error_code = ?, delivery_error_message = ?, delivery_updated_at = ? WHERE id = ?""")) {
            ps.setString(1, status);
            ps.setString(2, providerId);
            ps.setString(3, code);
            ps.setString(4, message);
            ps.setLong(5, now);
            ps.setLong(6, messageId);
            ps.executeUpdate();
        }
    }

    public void keepFirstProviderId(Connection c, long messageId, String providerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE messages SET provider_id = ? WHERE id = ? AND provider_id IS NULL")) {
            ps.setString(1, providerId);
            ps.setLong(2, messageId);
            ps.executeUpdate();
        }
    }

    /** When the contact last wrote in the conversation of this message (Messenger's messaging windows). */
    public Optional<Long> lastContactMessageAt(Connection c, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT MAX(u.created_at) FROM messages m JOIN messages u ON u.conversation_id = m.conversation_id
                WHERE m.id = ? AND u.sender = 'user'""")) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long at = rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(at);
                }
                return Optional.empty();
            }
        }
    }

    private static List<OutboxRow> rows(PreparedStatement ps) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long messageId = rs.getLong(3);
                rows.add(new OutboxRow(rs.getLong(1), rs.getLong(2), rs.wasNull() ? null : messageId, rs.getInt(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)));
            }
        }
        return rows;
    }
}
