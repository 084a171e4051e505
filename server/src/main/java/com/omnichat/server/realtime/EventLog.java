package com.omnichat.server.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Channels;
import com.omnichat.server.conversations.ConversationViews;
import com.omnichat.server.conversations.Message;
import com.omnichat.server.conversations.MessageStore;
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
    private static final String MESSAGE_CREATED = "message.created";

    private final Hub hub;
    private final MessageStore messages;

    public EventLog(ObjectMapper json, Hub hub, MessageStore messages) {
        this.json = json;
        this.hub = hub;
        this.messages = messages;
    }

    public record Draft(long tenantId, long seq, String type, boolean adminOnly, Long conversationId, String visitorKey,
                        Object staffData, Object visitorData) {
    }

    /**
     * Records the event with its reserved seq and publishes it after commit. A message.created event is not stored
     * here: the message row carries the same seq, and replays read messages from their own table; its frames are
     * then rendered by the publisher thread, keeping JSON work off the writer.
     */
    public void append(WriteContext tx, Draft draft, long now) throws SQLException {
        if (draft.type().equals(MESSAGE_CREATED)) {
            tx.afterCommit(() -> hub.publish(render(draft, write(draft.staffData()),
                    draft.visitorData() == null ? null : write(draft.visitorData()))));
            return;
        }
        String staffData = write(draft.staffData());
        String visitorData = draft.visitorData() == null ? null : write(draft.visitorData());
        insert(tx, draft, staffData, visitorData, now);
        StreamEvent event = render(draft, staffData, visitorData);
        tx.afterCommit(() -> hub.publish(event));
    }

    private static StreamEvent render(Draft draft, String staffData, String visitorData) {
        return new StreamEvent(draft.tenantId(), draft.seq(), draft.type(), draft.adminOnly(),
                draft.conversationId(), draft.visitorKey(), envelope(draft.type(), draft.seq(), staffData),
                visitorData == null ? null : envelope(draft.type(), draft.seq(), visitorData));
    }

    private void insert(WriteContext tx, Draft draft, String staffData, String visitorData, long now) throws SQLException {
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
    }

    /** Staff-visible events after {@code since}, ascending, at most {@code limit}: stored events and messages. */
    public List<StreamEvent> after(Connection c, long tenantId, long since, int limit) throws SQLException {
        List<StreamEvent> messageEvents = new ArrayList<>();
        for (MessageStore.Routed routed : messages.afterInTenant(c, tenantId, since, limit)) {
            messageEvents.add(messageEvent(routed, null));
        }
        return merge(storedAfter(c, tenantId, since, limit), messageEvents, limit);
    }

    private List<StreamEvent> storedAfter(Connection c, long tenantId, long since, int limit) throws SQLException {
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
        List<StreamEvent> messageEvents = new ArrayList<>();
        for (MessageStore.Routed routed : messages.afterInConversation(c, conversationId, since, limit)) {
            messageEvents.add(messageEvent(routed, visitorKey));
        }
        return merge(storedAfterForVisitor(c, tenantId, conversationId, visitorKey, since, limit), messageEvents, limit);
    }

    private List<StreamEvent> storedAfterForVisitor(Connection c, long tenantId, long conversationId, String visitorKey,
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
                return Math.max(rs.getLong(1), messages.highestSeq(c, conversationId));
            }
        }
    }

    /** A stored message as the message.created event it was published as (with its current delivery state). */
    private StreamEvent messageEvent(MessageStore.Routed routed, String visitorKey) {
        Message m = routed.message();
        boolean web = routed.channel().equals(Channels.WEBCHAT);
        String staffData = write(ConversationViews.staff(m));
        String visitorData = web ? write(ConversationViews.visitor(m)) : null;
        return new StreamEvent(m.tenantId(), m.seq(), MESSAGE_CREATED, false, m.conversationId(),
                web ? routed.externalId() : visitorKey, envelope(MESSAGE_CREATED, m.seq(), staffData),
                visitorData == null ? null : envelope(MESSAGE_CREATED, m.seq(), visitorData));
    }

    /** Two seq-ordered lists as one, at most {@code limit} long. */
    private static List<StreamEvent> merge(List<StreamEvent> a, List<StreamEvent> b, int limit) {
        List<StreamEvent> merged = new ArrayList<>(Math.min(limit, a.size() + b.size()));
        int i = 0;
        int j = 0;
        while (merged.size() < limit && (i < a.size() || j < b.size())) {
            if (j >= b.size() || i < a.size() && a.get(i).seq() < b.get(j).seq()) {
                merged.add(a.get(i++));
            } else {
                merged.add(b.get(j++));
            }
        }
        return merged;
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
