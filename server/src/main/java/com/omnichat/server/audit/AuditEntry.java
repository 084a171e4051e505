package com.omnichat.server.audit;

import java.util.Map;

/** One audit fact: who did what to which thing, from where (PROTOCOL.md §C.5). */
public record AuditEntry(
        long tenantId,
        String type,
        String actorKind,
        String actorId,
        String actorName,
        String targetKind,
        String targetId,
        String ip,
        Map<String, Object> details) {

    public static AuditEntry byUser(long tenantId, String type, long userId, String userName, String targetKind,
                                    String targetId, String ip, Map<String, Object> details) {
        return new AuditEntry(tenantId, type, "user", Long.toString(userId), userName, targetKind, targetId, ip, details);
    }

    public static AuditEntry by(Actor actor, long tenantId, String type, String targetKind, String targetId, String ip,
                                Map<String, Object> details) {
        return new AuditEntry(tenantId, type, actor.kind(), actor.id(), actor.name(), targetKind, targetId, ip, details);
    }

    public static AuditEntry bySystem(long tenantId, String type, String targetKind, String targetId,
                                      Map<String, Object> details) {
        return new AuditEntry(tenantId, type, "system", null, null, targetKind, targetId, null, details);
    }
}
