package com.omnichat.server.followups;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of the followups table; archived followups stay in it with their archive time. Every query names the tenant. */
public final class FollowupStore {
    private static final String SELECT = """
            SELECT f.id, f.tenant_id, c.public_id, f.channel, f.external_id, f.name, f.email, f.phone, f.message,
                   f.viewed, f.viewed_at, f.created_at, f.archived_at, f.archived_by, u.name AS archived_by_name
            FROM followups f
            LEFT JOIN conversations c ON c.id = f.conversation_id
            LEFT JOIN users u ON u.id = f.archived_by
            """;

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

    public Optional<StoredFollowup> find(Connection c, long tenantId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE f.tenant_id = ? AND f.id = ?")) {
            ps.setLong(1, tenantId);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public List<StoredFollowup> list(Connection c, FollowupQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE f.tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(q.tenantId()));
        sql.append(q.archived() ? " AND f.archived_at IS NOT NULL" : " AND f.archived_at IS NULL");
        if (q.viewed() != null) {
            sql.append(" AND f.viewed = ?");
            args.add(q.viewed() ? 1 : 0);
        }
        if (q.search() != null) {
            search(sql, args, q.search());
        }
        if (q.createdFrom() != null) {
            sql.append(" AND f.created_at >= ?");
            args.add(q.createdFrom());
        }
        if (q.createdTo() != null) {
            sql.append(" AND f.created_at < ?");
            args.add(q.createdTo());
        }
        if (q.cursorCreatedAt() != null) {
            sql.append(" AND (f.created_at < ? OR (f.created_at = ? AND f.id < ?))");
            args.add(q.cursorCreatedAt());
            args.add(q.cursorCreatedAt());
            args.add(q.cursorId());
        }
        sql.append(" ORDER BY f.created_at DESC, f.id DESC LIMIT ?");
        args.add(q.limit());
        return query(c, sql.toString(), args);
    }

    /** Archived followups, newest archive first; {@code archivedFrom} null means all of them. */
    public List<StoredFollowup> archived(Connection c, long tenantId, Long archivedFrom, int limit) throws SQLException {
        String sql = SELECT + " WHERE f.tenant_id = ? AND f.archived_at IS NOT NULL AND f.archived_at >= ?"
                + " ORDER BY f.archived_at DESC, f.id DESC LIMIT ?";
        return query(c, sql, List.of(tenantId, archivedFrom == null ? Long.MIN_VALUE : archivedFrom, limit));
    }

    /**
     * A page of archived followups for the history list: archive time within [from, to), newest archive first; ties
     * in ascending id, so the history list can order them after conversations by the negated id ({@code cursorTie}).
     */
    public List<StoredFollowup> archivedPage(Connection c, long tenantId, Long from, Long to, List<String> channels,
                                             String search, Long cursorAt, Long cursorTie, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE f.tenant_id = ? AND f.archived_at IS NOT NULL");
        List<Object> args = new ArrayList<>(List.of(tenantId));
        if (from != null) {
            sql.append(" AND f.archived_at >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" AND f.archived_at < ?");
            args.add(to);
        }
        if (!channels.isEmpty()) {
            sql.append(" AND f.channel IN (").append(String.join(",", channels.stream().map(x -> "?").toList())).append(")");
            args.addAll(channels);
        }
        if (search != null) {
            search(sql, args, search);
        }
        if (cursorAt != null) {
            sql.append(" AND (f.archived_at < ? OR (f.archived_at = ? AND -f.id < ?))");
            args.add(cursorAt);
            args.add(cursorAt);
            args.add(cursorTie);
        }
        sql.append(" ORDER BY f.archived_at DESC, f.id ASC LIMIT ?");
        args.add(limit);
        return query(c, sql.toString(), args);
    }

    public long unviewedCount(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM followups WHERE tenant_id = ? AND archived_at IS NULL AND viewed = 0")) {
            ps.setLong(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Sets viewed once; true when this call changed the row. */
    public boolean markViewed(Connection c, long tenantId, long id, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE followups SET viewed = 1, viewed_at = ? WHERE tenant_id = ? AND id = ? AND viewed = 0")) {
            ps.setLong(1, now);
            ps.setLong(2, tenantId);
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Archives a followup not yet archived; false when there is none such in the tenant. */
    public boolean archive(Connection c, long tenantId, long id, long byUserId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE followups SET archived_at = ?, archived_by = ?
                WHERE tenant_id = ? AND id = ? AND archived_at IS NULL""")) {
            ps.setLong(1, now);
            ps.setLong(2, byUserId);
            ps.setLong(3, tenantId);
            ps.setLong(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes the tenant's followups archived before {@code cutoff}; returns how many. */
    public int deleteArchivedBefore(Connection c, long tenantId, long cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM followups WHERE tenant_id = ? AND archived_at IS NOT NULL AND archived_at < ?")) {
            ps.setLong(1, tenantId);
            ps.setLong(2, cutoff);
            return ps.executeUpdate();
        }
    }

    /** Case-insensitive match anywhere in the external id, the contact fields or the message. */
    private static void search(StringBuilder sql, List<Object> args, String text) {
        List<String> columns = List.of("f.external_id", "f.name", "f.email", "f.phone", "f.message");
        sql.append(" AND (").append(String.join(" OR ", columns.stream()
                .map(column -> column + " LIKE ? ESCAPE '\\'").toList())).append(")");
        columns.forEach(column -> args.add(likePattern(text)));
    }

    /** A LIKE pattern matching {@code text} anywhere, with LIKE's own wildcards taken literally. */
    public static String likePattern(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static List<StoredFollowup> query(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<StoredFollowup> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(map(rs));
                }
            }
            return rows;
        }
    }

    static StoredFollowup map(ResultSet rs) throws SQLException {
        return new StoredFollowup(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("public_id"),
                rs.getString("channel"), rs.getString("external_id"), rs.getString("name"), rs.getString("email"),
                rs.getString("phone"), rs.getString("message"), rs.getInt("viewed") == 1, nullableLong(rs, "viewed_at"),
                rs.getLong("created_at"), nullableLong(rs, "archived_at"), nullableLong(rs, "archived_by"),
                rs.getString("archived_by_name"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
