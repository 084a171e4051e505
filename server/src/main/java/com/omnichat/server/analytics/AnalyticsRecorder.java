package com.omnichat.server.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Records the facts of PROTOCOL.md §C.5 as they happen, inside the writer transaction that makes the change, so the
 * figures commit (or roll back) with it. {@code ConversationStore} calls it from the statements that start, escalate
 * and close open periods and that count messages; a new write path that uses those statements is counted without
 * further work. A path that changes a conversation with its own SQL calls the matching method here, on the same
 * connection, after its update (decision 0021).
 *
 * <p>Every method reads the conversation's current period from its row, so it must run after the row was changed.
 * Escalation, close and first response are recorded at most once per open period.
 */
public final class AnalyticsRecorder {
    /** Why an open period ended: {@code AUTO} is the auto-close job, everything else (staff, bulk, followup) is manual. */
    public enum CloseReason { MANUAL, AUTO }

    static final long SLOT_MICROS = 15L * 60 * 1_000_000;

    private record Period(long tenantId, String channel, String status, long startedAt, Long firstContactAt) {
    }

    /** A new open period began: the conversation was created ({@code reopen} false) or reopened. */
    public void periodStarted(Connection c, long conversationId, long at, boolean reopen) throws SQLException {
        Optional<Period> period = period(c, conversationId);
        if (period.isEmpty()) {
            return;
        }
        count(c, period.get(), at, "started");
        if (reopen) {
            count(c, period.get(), at, "reopened");
        }
    }

    /** The current open period became escalated; counted once per period however often it escalates again. */
    public void escalated(Connection c, long conversationId, long at) throws SQLException {
        Optional<Period> period = period(c, conversationId);
        if (period.isPresent() && periodFact(c, conversationId, period.get(), "escalated", at, null, null)) {
            count(c, period.get(), at, "escalated");
        }
    }

    /** The current open period ended: counts the close and its resolution time (period start to close). */
    public void closed(Connection c, long conversationId, long at, CloseReason reason) throws SQLException {
        Optional<Period> period = period(c, conversationId);
        if (period.isEmpty()
                || !periodFact(c, conversationId, period.get(), "resolution", at, null, at - period.get().startedAt())) {
            return;
        }
        count(c, period.get(), at, "closed");
        if (reason == CloseReason.AUTO) {
            count(c, period.get(), at, "auto_closed");
        }
    }

    /**
     * A message was stored and the conversation's counters moved. A staff message also counts as a reply of its
     * author and, if it is the first staff message after the open period's first contact message, as the period's
     * first response (by that author).
     */
    public void messageCreated(Connection c, long conversationId, long messageId, String sender, long at)
            throws SQLException {
        Optional<Period> found = period(c, conversationId);
        if (found.isEmpty()) {
            return;
        }
        Period period = found.get();
        switch (sender) {
            case "user" -> count(c, period, at, "user_messages");
            case "system" -> count(c, period, at, "system_messages");
            case "staff" -> {
                count(c, period, at, "staff_messages");
                Long author = staffAuthor(c, messageId);
                if (author != null) {
                    reply(c, period, conversationId, author, at);
                }
                // A reply to a closed conversation belongs to the period it is about to open, which has no contact
                // message yet; the ended period's response time stays unanswered.
                if (!"closed".equals(period.status()) && period.firstContactAt() != null) {
                    periodFact(c, conversationId, period, "first_response", at, author, at - period.firstContactAt());
                }
            }
            default -> throw new IllegalArgumentException("unknown sender " + sender);
        }
    }

    private static Optional<Period> period(Connection c, long conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT tenant_id, channel, status, period_started_at, period_first_contact_at
                FROM conversations WHERE id = ?""")) {
            ps.setLong(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long firstContact = rs.getLong(5);
                Long firstContactAt = rs.wasNull() ? null : firstContact;
                return Optional.of(new Period(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        firstContactAt));
            }
        }
    }

    private static Long staffAuthor(Connection c, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT staff_id FROM messages WHERE id = ?")) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long id = rs.getLong(1);
                return rs.wasNull() ? null : id;
            }
        }
    }

    /** The column is one of the fixed counter names above, never input. */
    private static void count(Connection c, Period period, long at, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO analytics_counts(tenant_id, slot, channel, " + column
                + ") VALUES (?, ?, ?, 1) ON CONFLICT (tenant_id, slot, channel) DO UPDATE SET " + column + " = "
                + column + " + 1")) {
            ps.setLong(1, period.tenantId());
            ps.setLong(2, slot(at));
            ps.setString(3, period.channel());
            ps.executeUpdate();
        }
    }

    private static void reply(Connection c, Period period, long conversationId, long author, long at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO analytics_staff_activity(tenant_id, slot, user_id, conversation_id, channel, replies)
                VALUES (?, ?, ?, ?, ?, 1)
                ON CONFLICT (tenant_id, slot, user_id, conversation_id) DO UPDATE SET replies = replies + 1""")) {
            ps.setLong(1, period.tenantId());
            ps.setLong(2, slot(at));
            ps.setLong(3, author);
            ps.setLong(4, conversationId);
            ps.setString(5, period.channel());
            ps.executeUpdate();
        }
    }

    /** True when the fact is new for this period, false when the period already had one of this kind. */
    private static boolean periodFact(Connection c, long conversationId, Period period, String kind, long at,
                                      Long userId, Long durationMicros) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO analytics_period_facts(conversation_id, period_started_at, kind, tenant_id, channel, at,
                                                   user_id, duration_micros)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (conversation_id, period_started_at, kind) DO NOTHING""")) {
            ps.setLong(1, conversationId);
            ps.setLong(2, period.startedAt());
            ps.setString(3, kind);
            ps.setLong(4, period.tenantId());
            ps.setString(5, period.channel());
            ps.setLong(6, at);
            ps.setObject(7, userId);
            ps.setObject(8, durationMicros);
            return ps.executeUpdate() == 1;
        }
    }

    static long slot(long micros) {
        return Math.floorDiv(micros, SLOT_MICROS) * SLOT_MICROS;
    }
}
