package com.omnichat.server.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Inserts that carry the old state as it was (status, flags, times, viewed), which the live write paths of the
 * conversation and followup stores never need.
 */
final class ImportedRecords {
    /** A conversation as the old data left it; the message-derived columns are filled by {@link #refresh}. */
    record NewConversation(long tenantId, String publicId, String channel, String externalId, String status,
                           Long assignedUserId, boolean patienceSent, boolean escalationActive, Long escalatedAt,
                           Long firstUserMessageAt, Long firstStaffReplyAt, long createdAt, long updatedAt,
                           Long closedAt) {
    }

    /** A followup (live or archived) of the old system. */
    record NewFollowup(long tenantId, Long conversationId, String channel, String externalId, String name,
                       String email, String phone, String message, boolean viewed, long createdAt, Long archivedAt) {
    }

    long insertConversation(Connection c, NewConversation n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO conversations(public_id, tenant_id, channel, external_id, status, assigned_user_id,
                                          patience_sent, escalation_active, escalated_at, period_started_at,
                                          first_user_message_at, first_staff_reply_at, created_at, updated_at,
                                          closed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setString(1, n.publicId());
            ps.setLong(2, n.tenantId());
            ps.setString(3, n.channel());
            ps.setString(4, n.externalId());
            ps.setString(5, n.status());
            ps.setObject(6, n.assignedUserId());
            ps.setInt(7, n.patienceSent() ? 1 : 0);
            ps.setInt(8, n.escalationActive() ? 1 : 0);
            ps.setObject(9, n.escalatedAt());
            ps.setLong(10, n.createdAt());
            ps.setObject(11, n.firstUserMessageAt());
            ps.setObject(12, n.firstStaffReplyAt());
            ps.setLong(13, n.createdAt());
            ps.setLong(14, n.updatedAt());
            ps.setObject(15, n.closedAt());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Sets what the live path keeps up to date message by message (counts, last message, first contact and reply,
     * waiting clock) from the conversation's messages, as if they had arrived one by one in seq order.
     */
    void refresh(Connection c, long conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE conversations SET
                    message_count = (SELECT COUNT(*) FROM messages WHERE conversation_id = ?1),
                    last_message_id = (SELECT id FROM messages WHERE conversation_id = ?1 ORDER BY seq DESC LIMIT 1),
                    first_user_message_at = COALESCE(
                        (SELECT MIN(created_at) FROM messages WHERE conversation_id = ?1 AND sender = 'user'),
                        first_user_message_at),
                    first_staff_reply_at = COALESCE(
                        (SELECT MIN(created_at) FROM messages WHERE conversation_id = ?1 AND sender = 'staff'),
                        first_staff_reply_at),
                    period_first_contact_at = COALESCE(period_first_contact_at,
                        (SELECT MIN(created_at) FROM messages WHERE conversation_id = ?1 AND sender = 'user')),
                    last_activity_message_at = (SELECT MAX(created_at) FROM messages
                                                WHERE conversation_id = ?1 AND sender IN ('user', 'staff')),
                    waiting_since = CASE WHEN status = 'closed' THEN NULL ELSE
                        (SELECT MIN(u.created_at) FROM messages u WHERE u.conversation_id = ?1 AND u.sender = 'user'
                           AND u.seq > COALESCE((SELECT MAX(s.seq) FROM messages s
                                                 WHERE s.conversation_id = ?1 AND s.sender = 'staff'), 0)) END,
                    updated_at = MAX(updated_at,
                        COALESCE((SELECT MAX(created_at) FROM messages WHERE conversation_id = ?1), 0)),
                    created_at = MIN(created_at,
                        COALESCE((SELECT MIN(created_at) FROM messages WHERE conversation_id = ?1), created_at))
                WHERE id = ?1""")) {
            ps.setLong(1, conversationId);
            ps.executeUpdate();
        }
    }

    long insertFollowup(Connection c, NewFollowup f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO followups(tenant_id, conversation_id, channel, external_id, name, email, phone, message,
                                      viewed, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            bindFollowup(ps, f);
            ps.setInt(9, f.viewed() ? 1 : 0);
            ps.setLong(10, f.createdAt());
            return singleLong(ps);
        }
    }

    /** An archived followup (the old history table). */
    long insertHistory(Connection c, NewFollowup f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO followups(tenant_id, conversation_id, channel, external_id, name, email, phone, message,
                                      viewed, created_at, archived_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id""")) {
            bindFollowup(ps, f);
            ps.setLong(9, f.createdAt());
            ps.setLong(10, f.archivedAt());
            return singleLong(ps);
        }
    }

    long highestMessageSeq(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM messages WHERE tenant_id = ?")) {
            ps.setLong(1, tenantId);
            return singleLong(ps);
        }
    }

    private static void bindFollowup(PreparedStatement ps, NewFollowup f) throws SQLException {
        ps.setLong(1, f.tenantId());
        ps.setObject(2, f.conversationId());
        ps.setString(3, f.channel());
        ps.setString(4, f.externalId());
        ps.setString(5, f.name());
        ps.setString(6, f.email());
        ps.setString(7, f.phone());
        ps.setString(8, f.message());
    }

    private static long singleLong(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
