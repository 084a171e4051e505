package com.omnichat.server.followups;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Rows of the followups table. */
public final class FollowupStore {
    public long insert(Connection c, long tenantId, long conversationId, String channel, String externalId,
                       Followup followup, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO followups(tenant_id, conversation_id, channel, external_id, name, email, phone, message,
                                      viewed, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?) RETURNING id""")) {
            ps.setLong(1, tenantId);
            ps.setLong(2, conversationId);
            ps.setString(3, channel);
            ps.setString(4, externalId);
            ps.setString(5, followup.name());
            ps.setString(6, followup.email());
            ps.setString(7, followup.phone());
            ps.setString(8, followup.message());
            ps.setLong(9, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
