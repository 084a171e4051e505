package com.omnichat.server.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.storage.WriteContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The replayable stream: each persisted event is written in the transaction of its change, with the seq reserved
 * for it, and published to the hub only after that transaction commits.
 */
public final class EventLog {
    private final ObjectMapper json;
    private final Hub hub;

    public EventLog(ObjectMapper json, Hub hub) {
        this.json = json;
        this.hub = hub;
    }

    public record Draft(long tenantId, long seq, String type, boolean adminOnly, Long conversationId, String visitorKey,
                        Object staffData, Object visitorData) {
    }

    public StreamEvent append(WriteContext tx, Draft draft, long now) throws SQLException {
        String staffData = write(draft.staffData());
        String visitorData = draft.visitorData() == null ? null : write(draft.visitorData());
        try (PreparedStatement ps = tx.connection().prepareStatement("""
                INSERT INTO stream_events(tenant_id, seq, type, audience, conversation_id, staff_data, visitor_data, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, draft.tenantId());
            ps.setLong(2, draft.seq());
            ps.setString(3, draft.type());
            ps.setString(4, draft.adminOnly() ? "admin" : "staff");
            ps.setObject(5, draft.conversationId());
            ps.setString(6, staffData);
            ps.setString(7, visitorData);
            ps.setLong(8, now);
            ps.executeUpdate();
        }
        StreamEvent event = new StreamEvent(draft.tenantId(), draft.seq(), draft.type(), draft.adminOnly(),
                draft.conversationId(), draft.visitorKey(), envelope(draft.type(), draft.seq(), staffData),
                visitorData == null ? null : envelope(draft.type(), draft.seq(), visitorData));
        tx.afterCommit(() -> hub.publish(event));
        return event;
    }

    /** Staff-visible events after {@code since}, ascending, at most {@code limit}. */
    public List<StreamEvent> after(Connection c, long tenantId, long since, int limit) throws SQLException {
        List<StreamEvent> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT seq, type, audience, conversation_id, staff_data, visitor_data FROM stream_events
                WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?""")) {
            ps.setLong(1, tenantId);
            ps.setLong(2, since);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(map(rs, tenantId, null));
                }
            }
        }
        return result;
    }

    /** The events of one conversation that its visitor may see, after {@code since}. */
    public List<StreamEvent> afterForVisitor(Connection c, long tenantId, long conversationId, String visitorKey,
                                             long since, int limit) throws SQLException {
        List<StreamEvent> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT seq, type, audience, conversation_id, staff_data, visitor_data FROM stream_events
                WHERE conversation_id = ? AND visitor_data IS NOT NULL AND tenant_id = ? AND seq > ?
                ORDER BY seq LIMIT ?""")) {
            ps.setLong(1, conversationId);
            ps.setLong(2, tenantId);
            ps.setLong(3, since);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(map(rs, tenantId, visitorKey));
                }
            }
        }
        return result;
    }

    /** The highest seq of the tenant whose event was pruned (0 when none was): replays from before it are incomplete. */
    public long prunedThrough(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pruned_seq FROM tenants WHERE id = ?")) {
            ps.setLong(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    public long highestForConversation(Connection c, long tenantId, long conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM stream_events WHERE conversation_id = ? AND visitor_data IS NOT NULL AND tenant_id = ?")) {
            ps.setLong(1, conversationId);
            ps.setLong(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Drops events older than the retention, remembering per tenant how far it went; older replays get a reset. */
    public int prune(WriteContext tx, long olderThan) throws SQLException {
        try (PreparedStatement mark = tx.connection().prepareStatement("""
                UPDATE tenants SET pruned_seq = MAX(pruned_seq, (SELECT MAX(seq) FROM stream_events
                                                                 WHERE tenant_id = tenants.id AND created_at < ?))
                WHERE EXISTS (SELECT 1 FROM stream_events WHERE tenant_id = tenants.id AND created_at < ?)""");
             PreparedStatement delete = tx.connection().prepareStatement("DELETE FROM stream_events WHERE created_at < ?")) {
            mark.setLong(1, olderThan);
            mark.setLong(2, olderThan);
            mark.executeUpdate();
            delete.setLong(1, olderThan);
            return delete.executeUpdate();
        }
    }

    private StreamEvent map(ResultSet rs, long tenantId, String visitorKey) throws SQLException {
        long seq = rs.getLong("seq");
        String type = rs.getString("type");
        String visitorData = rs.getString("visitor_data");
        long conversation = rs.getLong("conversation_id");
        Long conversationId = rs.wasNull() ? null : conversation;
        return new StreamEvent(tenantId, seq, type, "admin".equals(rs.getString("audience")), conversationId,
                visitorKey, envelope(type, seq, rs.getString("staff_data")),
                visitorData == null ? null : envelope(type, seq, visitorData));
    }

    public String ephemeral(String type, Object data) {
        return envelope(type, null, write(data));
    }

    private static String envelope(String type, Long seq, String data) {
        return "{\"type\":\"" + type + "\",\"seq\":" + seq + ",\"data\":" + data + "}";
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data is not serialisable", e);
        }
    }
}
