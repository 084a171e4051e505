package com.omnichat.server.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the recorded facts of one tenant over a UTC range [from, to); both ends are 15-minute slot boundaries. */
public final class AnalyticsStore {
    /** One slot's counts on one channel. */
    public record SlotCounts(long slot, String channel, long started, long reopened, long closed, long autoClosed,
                             long escalated, long userMessages, long staffMessages, long systemMessages) {
    }

    /** A first response or a resolution: when it was counted, and how long it took. */
    public record Sample(String kind, long at, String channel, Long userId, long durationMicros) {
    }

    /** A staff member's replies and distinct conversations in the range. */
    public record StaffActivity(long userId, String name, long conversations, long replies) {
    }

    public List<SlotCounts> counts(Connection c, long tenantId, long from, long to, String channel) throws SQLException {
        List<SlotCounts> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT slot, channel, started, reopened, closed, auto_closed, escalated, user_messages, staff_messages,
                       system_messages
                FROM analytics_counts WHERE tenant_id = ? AND slot >= ? AND slot < ?""" + channelFilter(channel))) {
            bind(ps, tenantId, from, to, channel);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new SlotCounts(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)));
                }
            }
        }
        return result;
    }

    public List<Sample> samples(Connection c, long tenantId, long from, long to, String channel) throws SQLException {
        List<Sample> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT kind, at, channel, user_id, duration_micros FROM analytics_period_facts
                WHERE tenant_id = ? AND at >= ? AND at < ? AND kind IN ('first_response', 'resolution')"""
                + channelFilter(channel))) {
            bind(ps, tenantId, from, to, channel);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long user = rs.getLong(4);
                    Long userId = rs.wasNull() ? null : user;
                    result.add(new Sample(rs.getString(1), rs.getLong(2), rs.getString(3), userId, rs.getLong(5)));
                }
            }
        }
        return result;
    }

    /** Busiest first; ties by user id. */
    public List<StaffActivity> staffActivity(Connection c, long tenantId, long from, long to, String channel)
            throws SQLException {
        List<StaffActivity> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.user_id, u.name, COUNT(DISTINCT a.conversation_id), SUM(a.replies)
                FROM analytics_staff_activity a LEFT JOIN users u ON u.id = a.user_id AND u.tenant_id = a.tenant_id
                WHERE a.tenant_id = ? AND a.slot >= ? AND a.slot < ?""" + channelFilter(channel).replace("channel", "a.channel")
                + " GROUP BY a.user_id, u.name ORDER BY COUNT(DISTINCT a.conversation_id) DESC, SUM(a.replies) DESC, a.user_id")) {
            bind(ps, tenantId, from, to, channel);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new StaffActivity(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return result;
    }

    private static String channelFilter(String channel) {
        return channel == null ? "" : " AND channel = ?";
    }

    private static void bind(PreparedStatement ps, long tenantId, long from, long to, String channel)
            throws SQLException {
        ps.setLong(1, tenantId);
        ps.setLong(2, from);
        ps.setLong(3, to);
        if (channel != null) {
            ps.setString(4, channel);
        }
    }
}
