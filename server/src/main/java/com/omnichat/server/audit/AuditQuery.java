package com.omnichat.server.audit;

/**
 * Filters of the audit list, newest first: {@code type} exact, or a family such as {@code user.*}; times in micros,
 * {@code from} inclusive and {@code to} exclusive; the cursor is the (time, id) of the previous page's last entry.
 */
public record AuditQuery(long tenantId, String type, String actorId, Long from, Long to, Long cursorAt, Long cursorId,
                         int limit) {
}
