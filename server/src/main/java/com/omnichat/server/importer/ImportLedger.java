package com.omnichat.server.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The legacy_imports table: which old rows a tenant already received, so a second run skips them. */
final class ImportLedger {
    /** Present when the old row was imported; the value is its new id (null for rows that have none). */
    Optional<Optional<Long>> find(Connection c, long tenantId, String kind, String legacyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT new_id FROM legacy_imports WHERE tenant_id = ? AND kind = ? AND legacy_id = ?")) {
            ps.setLong(1, tenantId);
            ps.setString(2, kind);
            ps.setString(3, legacyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                return Optional.of(rs.wasNull() ? Optional.empty() : Optional.of(id));
            }
        }
    }

    boolean contains(Connection c, long tenantId, String kind, String legacyId) throws SQLException {
        return find(c, tenantId, kind, legacyId).isPresent();
    }

    void record(Connection c, long tenantId, String kind, String legacyId, Long newId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO legacy_imports(tenant_id, kind, legacy_id, new_id, imported_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, tenantId);
            ps.setString(2, kind);
            ps.setString(3, legacyId);
            ps.setObject(4, newId);
            ps.setLong(5, now);
            ps.executeUpdate();
        }
    }
}
