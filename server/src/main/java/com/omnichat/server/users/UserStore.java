package com.omnichat.server.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for staff accounts. Emails are unique across the deployment and compared without case. */
public final class UserStore {
    private static final String COLUMNS =
            "id, tenant_id, email, name, password_hash, role, active, tokens_valid_after, surviving_token_id, created_at, "
            + "last_login_at";

    public long insert(Connection c, long tenantId, String email, String name, String passwordHash, String role, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users(tenant_id, email, name, password_hash, role, "
                + "active, tokens_valid_after, created_at) VALUES (?, ?, ?, ?, ?, 1, 0, ?) RETURNING id")) {
            ps.setLong(1, tenantId);
            ps.setString(2, email);
            ps.setString(3, name);
            ps.setString(4, passwordHash);
            ps.setString(5, role);
            ps.setLong(6, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<User> byId(Connection c, long id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", id);
    }

    public Optional<User> byIdInTenant(Connection c, long tenantId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ? AND tenant_id = ?")) {
            ps.setLong(1, id);
            ps.setLong(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public Optional<User> byEmail(Connection c, String email) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM users WHERE email = ?", email);
    }

    public List<User> inTenant(Connection c, long tenantId) throws SQLException {
        List<User> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE tenant_id = ? ORDER BY id")) {
            ps.setLong(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(map(rs));
                }
            }
        }
        return result;
    }

    public boolean any(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS(SELECT 1 FROM users)");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    public int activeAdmins(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM users WHERE tenant_id = ? AND role = 'admin' AND active = 1")) {
            ps.setLong(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public void update(Connection c, long id, String name, String role, boolean active) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET name = ?, role = ?, active = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setString(2, role);
            ps.setInt(3, active ? 1 : 0);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /** Sets the password and revokes every earlier token except {@code survivingTokenId} (null: all of them). */
    public void setPassword(Connection c, long id, String hash, long tokensValidAfter, String survivingTokenId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET password_hash = ?, tokens_valid_after = ?, surviving_token_id = ? WHERE id = ?")) {
            ps.setString(1, hash);
            ps.setLong(2, tokensValidAfter);
            ps.setString(3, survivingTokenId);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    public void revokeTokensBefore(Connection c, long id, long tokensValidAfter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET tokens_valid_after = ?, surviving_token_id = NULL WHERE id = ?")) {
            ps.setLong(1, tokensValidAfter);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    public void recordLogin(Connection c, long id, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET last_login_at = ? WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    public void revokeToken(Connection c, String jti, long expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR IGNORE INTO revoked_tokens(jti, expires_at) VALUES (?, ?)")) {
            ps.setString(1, jti);
            ps.setLong(2, expiresAt);
            ps.executeUpdate();
        }
    }

    public boolean isRevoked(Connection c, String jti) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS(SELECT 1 FROM revoked_tokens WHERE jti = ?)")) {
            ps.setString(1, jti);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private Optional<User> one(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static User map(ResultSet rs) throws SQLException {
        long lastLogin = rs.getLong("last_login_at");
        Long lastLoginAt = rs.wasNull() ? null : lastLogin;
        return new User(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("email"), rs.getString("name"),
                rs.getString("password_hash"), rs.getString("role"), rs.getInt("active") == 1,
                rs.getLong("tokens_valid_after"), rs.getString("surviving_token_id"), rs.getLong("created_at"),
                lastLoginAt);
    }
}
