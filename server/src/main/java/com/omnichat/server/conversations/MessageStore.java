package com.omnichat.server.conversations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static com.omnichat.server.conversations.ConversationStore.nullableLong;

/** SQL for messages. A message's seq is the tenant's event number of its message.created event. */
public final class MessageStore {
    private static final String SELECT = """
            SELECT m.id, m.tenant_id, m.conversation_id, c.public_id, m.seq, m.sender, m.staff_id, u.name AS author_name,
                   m.client_id, m.text, m.delivery_status, m.delivery_error_code, m.delivery_error_message,
                   m.delivery_updated_at, m.created_at, c.channel, c.external_id
            FROM messages m
            JOIN conversations c ON c.id = m.conversation_id
            LEFT JOIN users u ON u.id = m.staff_id
            """;

    public record NewMessage(long tenantId, long conversationId, long seq, String sender, Long staffId, String authorKey,
                             String clientId, String text, String deliveryStatus, long createdAt) {
    }

    /**
     * Inserts the message unless its author already used this client_id in the conversation; the unique index does
     * the check, so the common case costs one statement. Empty means "already stored": the caller replays it.
     */
    public java.util.OptionalLong insertIfNew(Connection c, NewMessage m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO messages(tenant_id, conversation_id, seq, sender, staff_id, author_key, client_id, text,
                                     delivery_status, delivery_updated_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (conversation_id, author_key, client_id) WHERE client_id IS NOT NULL DO NOTHING
                RETURNING id""")) {
            ps.setLong(1, m.tenantId());
            ps.setLong(2, m.conversationId());
            ps.setLong(3, m.seq());
            ps.setString(4, m.sender());
            ps.setObject(5, m.staffId());
            ps.setString(6, m.authorKey());
            ps.setString(7, m.clientId());
            ps.setString(8, m.text());
            ps.setString(9, m.deliveryStatus());
            ps.setObject(10, m.deliveryStatus() == null ? null : m.createdAt());
            ps.setLong(11, m.createdAt());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
            }
        }
    }

    public Optional<Message> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE m.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Message> byClientId(Connection c, long conversationId, String authorKey, String clientId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                SELECT + " WHERE m.conversation_id = ? AND m.author_key = ? AND m.client_id = ?")) {
            ps.setLong(1, conversationId);
            ps.setString(2, authorKey);
            ps.setString(3, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The newest {@code limit} messages before {@code beforeSeq} (or the newest overall), in ascending seq order. */
    public List<Message> pageBefore(Connection c, long conversationId, Long beforeSeq, int limit) throws SQLException {
        String sql = SELECT + " WHERE m.conversation_id = ?" + (beforeSeq == null ? "" : " AND m.seq < ?")
                + " ORDER BY m.seq DESC LIMIT ?";
        List<Message> result = query(c, sql, beforeSeq == null
                ? new Object[]{conversationId, limit}
                : new Object[]{conversationId, beforeSeq, limit});
        Collections.reverse(result);
        return result;
    }

    /** The oldest {@code limit} messages after {@code afterSeq}, ascending. */
    public List<Message> pageAfter(Connection c, long conversationId, long afterSeq, int limit) throws SQLException {
        return query(c, SELECT + " WHERE m.conversation_id = ? AND m.seq > ? ORDER BY m.seq ASC LIMIT ?",
                new Object[]{conversationId, afterSeq, limit});
    }

    private List<Message> query(Connection c, String sql, Object[] args) throws SQLException {
        List<Message> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ConversationStore.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(map(rs));
                }
            }
        }
        return result;
    }

    /** A message with the conversation key its visitor frames are routed by. */
    public record Routed(Message message, String channel, String externalId) {
    }

    /** The tenant's messages after {@code since}, by seq: the message.created events of a replay. */
    public List<Routed> afterInTenant(Connection c, long tenantId, long since, int limit) throws SQLException {
        return routed(c, SELECT + " WHERE m.tenant_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?",
                new Object[]{tenantId, since, limit});
    }

    /** One conversation's messages after {@code since}, by seq. */
    public List<Routed> afterInConversation(Connection c, long conversationId, long since, int limit)
            throws SQLException {
        return routed(c, SELECT + " WHERE m.conversation_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?",
                new Object[]{conversationId, since, limit});
    }

    public long highestSeq(Connection c, long conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM messages WHERE conversation_id = ?")) {
            ps.setLong(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<Routed> routed(Connection c, String sql, Object[] args) throws SQLException {
        List<Routed> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ConversationStore.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Routed(map(rs), rs.getString("channel"), rs.getString("external_id")));
                }
            }
        }
        return result;
    }

    /** The texts of the newest messages, newest first: the legacy preview. */
    public List<String[]> newestSenderTexts(Connection c, long conversationId, int n) throws SQLException {
        List<String[]> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sender, text FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?")) {
            ps.setLong(1, conversationId);
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
        }
        return result;
    }

    private static Message map(ResultSet rs) throws SQLException {
        return new Message(rs.getLong("id"), rs.getLong("tenant_id"), rs.getLong("conversation_id"),
                rs.getString("public_id"), rs.getLong("seq"), rs.getString("sender"), nullableLong(rs, "staff_id"),
                rs.getString("author_name"), rs.getString("client_id"), rs.getString("text"),
                rs.getString("delivery_status"), rs.getString("delivery_error_code"),
                rs.getString("delivery_error_message"), nullableLong(rs, "delivery_updated_at"),
                rs.getLong("created_at"));
    }
}
