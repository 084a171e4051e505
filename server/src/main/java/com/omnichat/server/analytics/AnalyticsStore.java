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
    public record Sample(long at, String channel, Long userId, long durationMicros) {
    }

    public static final String FIRST_RESPONSE = "first_response";
    public static final String RESOLUTION = "resolution";

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

    /** Samples of one kind ({@link #FIRST_RESPONSE} or {@link #RESOLUTION}) counted in the range. */
    public List<Sample> samples(Connection c, String kind, long tenantId, long from, long to, String channel)
            throws SQLException {
        List<Sample> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT at, channel, user_id, duration_micros FROM analytics_period_facts
                WHERE tenant_id = ? AND at >= ? AND at < ?""" + channelFilter(channel) + " AND kind = ?")) {
            bind(ps, tenantId, from, to, channel);
            ps.setString(channel == null ? 4 : 5, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long user = rs.getLong(3);
                    Long userId = rs.wasNull() ? null : user;
                    result.add(new Sample(rs.getLong(1), rs.getString(2), userId, rs.getLong(4)));
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
                SELECT a.user_id, u.name, a.conversations, a.replies
                FROM (SELECT user_id, COUNT(DISTINCT conversation_id) AS conversations, SUM(replies) AS replies
                      FROM analytics_staff_activity
                      WHERE tenant_id = ? AND slot >= ? AND slot < ?""" + channelFilter(channel) + """
                      GROUP BY user_id) a
                LEFT JOIN users u ON u.id = a.user_id
                ORDER BY a.conversations DESC, a.replies DESC, a.user_id""")) {
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
