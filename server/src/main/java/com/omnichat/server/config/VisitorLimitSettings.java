package com.omnichat.server.config;

/**
 * How much visitor traffic one id or one address may send (PROTOCOL.md part E, {@code OMNICHAT_LIMIT_*}); 0 turns a
 * limit off, for a load test or a site that sits behind its own gateway.
 */
public record VisitorLimitSettings(
        int messagesPerMinute,
        int messagesPerMinutePerIp,
        int newSocketIdsPerHourPerIp,
        int widgetSessionsPerHourPerIp,
        int followupsPerHour) {

    /** The protocol's defaults. */
    public static VisitorLimitSettings protocolDefaults() {
        return new VisitorLimitSettings(30, 120, 30, 30, 5);
    }
}
