package com.omnichat.server.realtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Who is connected, per tenant, and fan-out to them. Every method only queues frames on sockets, so it never blocks
 * and may be called from the writer thread right after a commit, which keeps events in seq order.
 */
public final class Hub {
    private final Map<Long, TenantSockets> tenants = new ConcurrentHashMap<>();

    private TenantSockets of(long tenantId) {
        return tenants.computeIfAbsent(tenantId, id -> new TenantSockets());
    }

    public void register(StreamSession session) {
        TenantSockets sockets = of(session.tenantId());
        if (session.kind() == StreamSession.Kind.STAFF) {
            sockets.staffStreams.add(session);
        } else {
            sockets.visitorStreams.computeIfAbsent(session.visitorKey(), k -> ConcurrentHashMap.newKeySet()).add(session);
        }
    }

    public void unregister(StreamSession session) {
        TenantSockets sockets = of(session.tenantId());
        if (session.kind() == StreamSession.Kind.STAFF) {
            sockets.staffStreams.remove(session);
        } else {
            removeKeyed(sockets.visitorStreams, session.visitorKey(), session);
        }
    }

    public void registerLegacyStaff(LegacySession session) {
        of(session.tenantId()).legacyStaff.add(session);
    }

    public void registerLegacyVisitor(LegacySession session) {
        of(session.tenantId()).legacyVisitors.computeIfAbsent(session.visitorKey(), k -> ConcurrentHashMap.newKeySet())
                .add(session);
    }

    public void unregisterLegacy(LegacySession session) {
        TenantSockets sockets = of(session.tenantId());
        if (session.visitorKey() == null) {
            sockets.legacyStaff.remove(session);
        } else {
            removeKeyed(sockets.legacyVisitors, session.visitorKey(), session);
        }
    }

    private static <T> void removeKeyed(Map<String, Set<T>> map, String key, T value) {
        map.computeIfPresent(key, (k, set) -> {
            set.remove(value);
            return set.isEmpty() ? null : set;
        });
    }

    public void publish(StreamEvent event) {
        TenantSockets sockets = tenants.get(event.tenantId());
        if (sockets == null) {
            return;
        }
        for (StreamSession session : sockets.staffStreams) {
            session.deliver(event);
        }
        if (event.visitorKey() != null && event.visitorFrame() != null) {
            for (StreamSession session : sockets.visitorStreams.getOrDefault(event.visitorKey(), Set.of())) {
                session.deliver(event);
            }
        }
    }

    public void toLegacyStaff(long tenantId, String frame) {
        TenantSockets sockets = tenants.get(tenantId);
        if (sockets != null) {
            sockets.legacyStaff.forEach(session -> session.sender().send(frame));
        }
    }

    public void toLegacyVisitor(long tenantId, String visitorKey, String frame) {
        TenantSockets sockets = tenants.get(tenantId);
        if (sockets != null) {
            sockets.legacyVisitors.getOrDefault(visitorKey, Set.of()).forEach(session -> session.sender().send(frame));
        }
    }

    /** An ephemeral frame to the tenant's staff streams, except the one it came from. */
    public void toStaffStreams(long tenantId, String frame, StreamSession except) {
        TenantSockets sockets = tenants.get(tenantId);
        if (sockets != null) {
            for (StreamSession session : sockets.staffStreams) {
                if (session != except) {
                    session.sendEphemeral(frame);
                }
            }
        }
    }

    public void toVisitorStreams(long tenantId, String visitorKey, String frame) {
        TenantSockets sockets = tenants.get(tenantId);
        if (sockets != null) {
            sockets.visitorStreams.getOrDefault(visitorKey, Set.of()).forEach(session -> session.sendEphemeral(frame));
        }
    }

    /** Distinct staff members with an open staff socket of either API, by id, in connection order. */
    public Map<Long, String> staffOnline(long tenantId) {
        Map<Long, String> online = new LinkedHashMap<>();
        TenantSockets sockets = tenants.get(tenantId);
        if (sockets != null) {
            sockets.staffStreams.forEach(s -> online.putIfAbsent(s.userId(), s.userName()));
        }
        return online;
    }

    public boolean anyStaffOnline(long tenantId) {
        TenantSockets sockets = tenants.get(tenantId);
        return sockets != null && (!sockets.staffStreams.isEmpty() || !sockets.legacyStaff.isEmpty());
    }

    public boolean visitorOnline(long tenantId, String visitorKey) {
        TenantSockets sockets = tenants.get(tenantId);
        return sockets != null && (sockets.visitorStreams.containsKey(visitorKey)
                || sockets.legacyVisitors.containsKey(visitorKey));
    }

    /** Closes every staff socket of a user (deactivated, signed out everywhere). */
    public void closeUser(long userId, int streamCode, int legacyCode) {
        for (TenantSockets sockets : tenants.values()) {
            sockets.staffStreams.stream().filter(s -> s.userId() == userId)
                    .forEach(s -> s.sender().close(streamCode, "signed out"));
            sockets.legacyStaff.stream().filter(s -> s.userId() == userId)
                    .forEach(s -> s.sender().close(legacyCode, "signed out"));
        }
    }

    public void closeTenant(long tenantId) {
        TenantSockets sockets = tenants.get(tenantId);
        if (sockets == null) {
            return;
        }
        sockets.staffStreams.forEach(s -> s.sender().close(CloseCodes.AUTH_FAILED, "tenant disabled"));
        sockets.visitorStreams.values().forEach(set -> set.forEach(s -> s.sender().close(CloseCodes.FORBIDDEN, "tenant disabled")));
        sockets.legacyStaff.forEach(s -> s.sender().close(CloseCodes.POLICY_VIOLATION, "tenant disabled"));
        sockets.legacyVisitors.values().forEach(set -> set.forEach(s -> s.sender().close(CloseCodes.POLICY_VIOLATION, "tenant disabled")));
    }

    /** Closes every socket of every tenant with one code: the server is going away. */
    public void closeAll(int code, String reason) {
        forEachStream(s -> s.sender().close(code, reason));
        forEachLegacy(s -> s.sender().close(code, reason));
    }

    /** Open sockets of each kind, for the connections gauge; counted when asked, so registering stays cheap. */
    public int staffStreamCount() {
        return tenants.values().stream().mapToInt(t -> t.staffStreams.size()).sum();
    }

    public int visitorStreamCount() {
        return tenants.values().stream().flatMap(t -> t.visitorStreams.values().stream()).mapToInt(Set::size).sum();
    }

    public int legacyStaffCount() {
        return tenants.values().stream().mapToInt(t -> t.legacyStaff.size()).sum();
    }

    public int legacyVisitorCount() {
        return tenants.values().stream().flatMap(t -> t.legacyVisitors.values().stream()).mapToInt(Set::size).sum();
    }

    public void forEachStream(Consumer<StreamSession> action) {
        for (TenantSockets sockets : tenants.values()) {
            sockets.staffStreams.forEach(action);
            sockets.visitorStreams.values().forEach(set -> set.forEach(action));
        }
    }

    public void forEachLegacy(Consumer<LegacySession> action) {
        for (TenantSockets sockets : tenants.values()) {
            sockets.legacyStaff.forEach(action);
            sockets.legacyVisitors.values().forEach(set -> set.forEach(action));
        }
    }

    private static final class TenantSockets {
        final Set<StreamSession> staffStreams = ConcurrentHashMap.newKeySet();
        final Map<String, Set<StreamSession>> visitorStreams = new ConcurrentHashMap<>();
        final Set<LegacySession> legacyStaff = ConcurrentHashMap.newKeySet();
        final Map<String, Set<LegacySession>> legacyVisitors = new ConcurrentHashMap<>();
    }
}
