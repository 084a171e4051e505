package com.omnichat.server.channels.webchat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Visitor credentials: only a SHA-256 hash of the secret is kept. */
public final class VisitorStore {
    public record Row(String id, long tenantId, String secretHash) {
    }

    public void insert(Connection c, String id, long tenantId, String secretHash, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO visitors(id, tenant_id, secret_hash, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, tenantId);
            ps.setString(3, secretHash);
            ps.setLong(4, now);
            ps.executeUpdate();
        }
    }

    public Optional<Row> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, tenant_id, secret_hash FROM visitors WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getLong(2), rs.getString(3))) : Optional.empty();
            }
        }
    }
}
