package com.omnichat.server.push;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Push tokens of staff devices. A token belongs to one user at a time: registering it again moves it. */
public final class PushTokenStore {
    public void register(Connection c, String token, long tenantId, long userId, String platform, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO push_tokens(token, tenant_id, user_id, platform, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(token) DO UPDATE SET tenant_id = excluded.tenant_id, user_id = excluded.user_id,
                                                 platform = excluded.platform, created_at = excluded.created_at""")) {
            ps.setString(1, token);
            ps.setLong(2, tenantId);
            ps.setLong(3, userId);
            ps.setString(4, platform);
            ps.setLong(5, now);
            ps.executeUpdate();
        }
    }

    /** Removes the token only if it is the user's own. */
    public void unregister(Connection c, long userId, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM push_tokens WHERE token = ? AND user_id = ?")) {
            ps.setString(1, token);
            ps.setLong(2, userId);
            ps.executeUpdate();
        }
    }

    /** Forgets a token the push service says no longer reaches a device. */
    public void delete(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM push_tokens WHERE token = ?")) {
            ps.setString(1, token);
            ps.executeUpdate();
        }
    }

    /** The tokens of the tenant's active users. */
    public List<String> ofTenant(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT p.token FROM push_tokens p JOIN users u ON u.id = p.user_id
                WHERE p.tenant_id = ? AND u.tenant_id = p.tenant_id AND u.active = 1 ORDER BY p.token""")) {
            ps.setLong(1, tenantId);
            List<String> tokens = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tokens.add(rs.getString(1));
                }
            }
            return tokens;
        }
    }
}
