package com.omnichat.server.conversations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Closed conversations as history: listed by close time, and purged with their messages. Every query names the tenant. */
public final class ClosedConversationStore {
    public record Purged(int conversations, int messages) {
    }

    /**
     * Closed conversations with a close time in [from, to), newest close first (ties: higher id first), after the
     * cursor pair of the previous page.
     */
    public List<Conversation> page(Connection c, long tenantId, Long from, Long to, List<String> channels, String search,
                                   Long cursorAt, Long cursorId, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder(ConversationStore.SELECT)
                .append(" WHERE c.tenant_id = ? AND c.status = 'closed'");
        List<Object> args = new ArrayList<>(List.of(tenantId));
        if (from != null) {
            sql.append(" AND c.closed_at >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" AND c.closed_at < ?");
            args.add(to);
        }
        if (!channels.isEmpty()) {
            sql.append(" AND c.channel IN (").append(String.join(", ", channels.stream().map(x -> "?").toList())).append(")");
            args.addAll(channels);
        }
        if (search != null) {
            String like = "%" + search.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append("""
                     AND (lower(c.external_id) LIKE ? ESCAPE '\\'
                      OR EXISTS (SELECT 1 FROM followups f WHERE f.conversation_id = c.id
                                 AND (lower(f.name) LIKE ? ESCAPE '\\' OR lower(f.email) LIKE ? ESCAPE '\\' OR lower(f.phone) LIKE ? ESCAPE '\\'))
                      OR EXISTS (SELECT 1 FROM messages mm WHERE mm.conversation_id = c.id AND lower(mm.text) LIKE ? ESCAPE '\\'))""");
            for (int i = 0; i < 5; i++) {
                args.add(like);
            }
        }
        if (cursorAt != null) {
            sql.append(" AND (c.closed_at < ? OR (c.closed_at = ? AND c.id < ?))");
            args.add(cursorAt);
            args.add(cursorAt);
            args.add(cursorId);
        }
        sql.append(" ORDER BY c.closed_at DESC, c.id DESC LIMIT ?");
        args.add(limit);
        List<Conversation> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ConversationStore.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(ConversationStore.map(rs));
                }
            }
        }
        return result;
    }

    /** Deletes the tenant's conversations closed before {@code cutoff}, their messages with them; open ones never. */
    public Purged deleteClosedBefore(Connection c, long tenantId, long cutoff) throws SQLException {
        int messages;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
                WHERE c.tenant_id = ? AND c.status = 'closed' AND c.closed_at < ?""")) {
            ps.setLong(1, tenantId);
            ps.setLong(2, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                messages = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM conversations WHERE tenant_id = ? AND status = 'closed' AND closed_at < ?")) {
            ps.setLong(1, tenantId);
            ps.setLong(2, cutoff);
            return new Purged(ps.executeUpdate(), messages);
        }
    }
}
