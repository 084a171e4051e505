package com.omnichat.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes audit entries inside the transaction of the change they describe. */
public final class AuditLog {
    private final ObjectMapper json;

    public AuditLog(ObjectMapper json) {
        this.json = json;
    }

    public void record(Connection c, AuditEntry entry, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_events(tenant_id, type, actor_kind, actor_id, "
                + "actor_name, target_kind, target_id, ip, details, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, entry.tenantId());
            ps.setString(2, entry.type());
            ps.setString(3, entry.actorKind());
            ps.setString(4, entry.actorId());
            ps.setString(5, entry.actorName());
            ps.setString(6, entry.targetKind());
            ps.setString(7, entry.targetId());
            ps.setString(8, entry.ip());
            ps.setString(9, json.writeValueAsString(entry.details() == null ? java.util.Map.of() : entry.details()));
            ps.setLong(10, now);
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new SQLException("Audit details are not serialisable", e);
        }
    }
}
