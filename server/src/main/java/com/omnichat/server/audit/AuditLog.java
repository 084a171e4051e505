package com.omnichat.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** Writes audit entries inside the transaction of the change they describe. */
public final class AuditLog {
    private static final long MINUTE_MICROS = 60_000_000L;

    private final ObjectMapper json;

    public AuditLog(ObjectMapper json) {
        this.json = json;
    }

    public void record(Connection c, AuditEntry entry, long now) throws SQLException {
        insert(c, entry, serialise(entry.details() == null ? Map.of() : entry.details()), now);
    }

    private void insert(Connection c, AuditEntry entry, String details, long now) throws SQLException {
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
            ps.setString(9, details);
            ps.setLong(10, now);
            ps.executeUpdate();
        }
    }

    private String serialise(Map<String, Object> details) throws SQLException {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new SQLException("Audit details are not serialisable", e);
        }
    }

    /**
     * Records a fact that anyone can cause without signing in, such as a bad webhook signature: repeats of the same
     * entry in the same tenant and calendar minute add to the count of the minute's first row instead of adding rows
     * (PROTOCOL.md §C.5 {@code count}), whatever address they come from, so rotating addresses cannot grow the log
     * either. The row keeps the first request's address.
     */
    public void recordRepeatFromAnyAddress(Connection c, AuditEntry entry, long now) throws SQLException {
        recordRepeat(c, entry, now, false);
    }

    /**
     * As {@link #recordRepeatFromAnyAddress}, but repeats from different addresses keep their own rows: for facts
     * another limit already bounds (failed sign-ins, at most 5 per account in 15 minutes), where each address matters.
     */
    public void recordRepeatFromSameAddress(Connection c, AuditEntry entry, long now) throws SQLException {
        recordRepeat(c, entry, now, true);
    }

    private void recordRepeat(Connection c, AuditEntry entry, long now, boolean sameAddress) throws SQLException {
        long minute = Math.floorDiv(now, MINUTE_MICROS) * MINUTE_MICROS;
        String details = serialise(new TreeMap<>(entry.details() == null ? Map.of() : entry.details()));
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_events SET occurrences = occurrences + 1 "
                + "WHERE id = (SELECT id FROM audit_events WHERE tenant_id = ? AND type = ? AND actor_kind = ? "
                + "AND actor_id IS ? AND actor_name IS ? AND target_kind IS ? AND target_id IS ? AND details = ? "
                + "AND at >= ? AND at < ? " + (sameAddress ? "AND ip IS ? " : "") + "ORDER BY at, id LIMIT 1)")) {
            ps.setLong(1, entry.tenantId());
            ps.setString(2, entry.type());
            ps.setString(3, entry.actorKind());
            ps.setString(4, entry.actorId());
            ps.setString(5, entry.actorName());
            ps.setString(6, entry.targetKind());
            ps.setString(7, entry.targetId());
            ps.setString(8, details);
            ps.setLong(9, minute);
            ps.setLong(10, minute + MINUTE_MICROS);
            if (sameAddress) {
                ps.setString(11, entry.ip());
            }
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        insert(c, entry, details, now);
    }
}
