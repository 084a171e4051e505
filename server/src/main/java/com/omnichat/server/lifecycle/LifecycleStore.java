package com.omnichat.server.lifecycle;

import com.omnichat.server.conversations.ConversationStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * SQL of the lifecycle jobs. Each finder is one query for all tenants: the per-tenant cutoffs travel as a JSON
 * parameter, and each tenant's part is a range on a partial index (V8), so a tick reads only what is due. The
 * writer re-checks a row with the same condition before acting, so overlapping runs act once.
 */
final class LifecycleStore {
    /** Never due: stored times are positive. */
    static final long DISABLED = -1;

    /** Per tenant: a clock started at or before the cutoff has run out (epoch microseconds, or {@link #DISABLED}). */
    record EscalationCutoffs(long tenantId, long patienceCutoff, long escalateCutoff) {
    }

    /** Per tenant: a conversation quiet since before the cutoff is idle. */
    record QuietCutoff(long tenantId, long quietBefore) {
    }

    /** A conversation with a step due; {@code escalate} false means only the patience text is due. */
    record Waiting(ConversationStore.Head head, boolean escalate) {
    }

    private static final String HEAD_COLUMNS = "c.id, c.public_id, c.tenant_id, c.channel, c.external_id, c.status, "
            + "c.assigned_user_id";
    private static final String QUIET_SINCE = "MAX(c.period_started_at, COALESCE(c.last_activity_message_at, 0))";

    /** Parameters: the JSON array of [tenant_id, patience_cutoff, escalate_cutoff], the limit. */
    static final String WAITING_TOO_LONG = """
            WITH due(tenant_id, patience_cutoff, escalate_cutoff) AS (
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
                FROM json_each(?))
            SELECT %s, c.period_first_contact_at <= due.escalate_cutoff AS escalate
            FROM due CROSS JOIN conversations c
            WHERE c.tenant_id = due.tenant_id AND c.status = 'open' AND c.escalation_active = 1
              AND c.period_first_contact_at <= MAX(due.patience_cutoff, due.escalate_cutoff)
              AND (c.patience_sent = 0 OR c.period_first_contact_at <= due.escalate_cutoff)
            LIMIT ?""".formatted(HEAD_COLUMNS);

    /** Parameters: the JSON array of [tenant_id, quiet_before], the limit. */
    static final String QUIET = """
            WITH due(tenant_id, quiet_before) AS (
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))
            SELECT %s
            FROM due CROSS JOIN conversations c
            WHERE c.tenant_id = due.tenant_id AND c.status <> 'closed' AND %s < due.quiet_before
            LIMIT ?""".formatted(HEAD_COLUMNS, QUIET_SINCE);

    List<Waiting> waitingTooLong(Connection c, List<EscalationCutoffs> cutoffs, int limit) throws SQLException {
        StringJoiner triples = new StringJoiner(",", "[", "]");
        cutoffs.forEach(t -> triples.add("[" + t.tenantId() + "," + t.patienceCutoff() + "," + t.escalateCutoff() + "]"));
        try (PreparedStatement ps = c.prepareStatement(WAITING_TOO_LONG)) {
            ps.setString(1, triples.toString());
            ps.setInt(2, limit);
            List<Waiting> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Waiting(head(rs), rs.getInt("escalate") == 1));
                }
            }
            return result;
        }
    }

    /** Inside the writer: still waiting, and its clock started at or before the cutoff. */
    boolean stillWaiting(Connection c, long id, long cutoff, boolean patienceStep) throws SQLException {
        return exists(c, "SELECT 1 FROM conversations c WHERE c.id = ? AND c.status = 'open' AND c.escalation_active = 1"
                + " AND c.period_first_contact_at <= ?" + (patienceStep ? " AND c.patience_sent = 0" : ""), id, cutoff);
    }

    List<ConversationStore.Head> quiet(Connection c, List<QuietCutoff> cutoffs, int limit) throws SQLException {
        StringJoiner pairs = new StringJoiner(",", "[", "]");
        cutoffs.forEach(t -> pairs.add("[" + t.tenantId() + "," + t.quietBefore() + "]"));
        try (PreparedStatement ps = c.prepareStatement(QUIET)) {
            ps.setString(1, pairs.toString());
            ps.setInt(2, limit);
            List<ConversationStore.Head> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(head(rs));
                }
            }
            return result;
        }
    }

    /** Inside the writer: still not closed, and quiet since before the cutoff. */
    boolean stillQuiet(Connection c, long id, long quietBefore) throws SQLException {
        return exists(c, "SELECT 1 FROM conversations c WHERE c.id = ? AND c.status <> 'closed' AND " + QUIET_SINCE
                + " < ?", id, quietBefore);
    }

    private static boolean exists(Connection c, String sql, long id, long cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.setLong(2, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static ConversationStore.Head head(ResultSet rs) throws SQLException {
        long assignee = rs.getLong("assigned_user_id");
        Long assignedUserId = rs.wasNull() ? null : assignee;
        return new ConversationStore.Head(rs.getLong("id"), rs.getString("public_id"), rs.getLong("tenant_id"),
                rs.getString("channel"), rs.getString("external_id"), rs.getString("status"), assignedUserId);
    }
}
