package com.omnichat.server.realtime;

import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.TenantStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connect, replay, live (PROTOCOL.md §C.7 steps 2–3): the session is registered first so live events are buffered,
 * then everything after {@code since} is read from the database in one snapshot and sent, then the buffer, then
 * {@code ready}. Runs off the socket threads.
 */
public final class StreamReplayer {
    public static final int MAX_REPLAY = 5_000;
    /**
     * A replay is queued on the socket at once, so it is bounded in bytes as well: one larger than this is a
     * {@code reset} ("too_many"), and the client reloads over REST instead.
     */
    public static final long MAX_REPLAY_BYTES = 8L * 1024 * 1024;

    private final Database db;
    private final TenantStore tenants;
    private final EventLog events;
    private final Hub hub;

    public StreamReplayer(Database db, TenantStore tenants, EventLog events, Hub hub) {
        this.db = db;
        this.tenants = tenants;
        this.events = events;
        this.hub = hub;
    }

    /** For staff streams; {@code ready} builds the ready payload from (head, replayed count). */
    public void startStaff(StreamSession session, Long since, ReadyFactory ready) {
        hub.register(session);
        db.read(c -> {
            long head = tenants.headSeq(c, session.tenantId());
            if (since == null) {
                session.goLive(head, ready.frame(head, 0));
                return null;
            }
            String resetReason = resetReason(since, head, events.prunedThrough(c, session.tenantId()));
            if (resetReason != null) {
                session.sendEphemeral(events.ephemeral("reset", resetData(head, resetReason)));
                session.goLive(head, ready.frame(head, 0));
                return null;
            }
            List<StreamEvent> missed = events.after(c, session.tenantId(), since, MAX_REPLAY);
            if (session.visibleBytes(missed) > MAX_REPLAY_BYTES) {
                session.sendEphemeral(events.ephemeral("reset", resetData(head, "too_many")));
                session.goLive(head, ready.frame(head, 0));
                return null;
            }
            int replayed = replay(session, missed);
            session.goLive(head, ready.frame(head, replayed));
            return null;
        });
    }

    /** For visitor streams: only the visitor's own conversation, which may not exist yet. */
    public void startVisitor(StreamSession session, Long conversationId, Long since, ReadyFactory ready) {
        hub.register(session);
        db.read(c -> {
            long head = tenants.headSeq(c, session.tenantId());
            if (since == null || conversationId == null) {
                session.goLive(head, ready.frame(head, 0));
                return null;
            }
            String resetReason = since > head ? "since_ahead"
                    : since < events.prunedThrough(c, session.tenantId()) ? "since_too_old" : null;
            if (resetReason != null) {
                session.sendEphemeral(events.ephemeral("reset", resetData(head, resetReason)));
                session.goLive(head, ready.frame(head, 0));
                return null;
            }
            List<StreamEvent> missed = events.afterForVisitor(c, session.tenantId(), conversationId,
                    session.visitorKey(), since, MAX_REPLAY + 1);
            if (missed.size() > MAX_REPLAY || session.visibleBytes(missed) > MAX_REPLAY_BYTES) {
                session.sendEphemeral(events.ephemeral("reset", resetData(head, "too_many")));
                session.goLive(head, ready.frame(head, 0));
                return null;
            }
            int replayed = replay(session, missed);
            session.goLive(head, ready.frame(head, replayed));
            return null;
        });
    }

    private static int replay(StreamSession session, List<StreamEvent> missed) {
        int sent = 0;
        for (StreamEvent event : missed) {
            if (session.canSee(event)) {
                session.replay(event);
                sent++;
            }
        }
        return sent;
    }

    static String resetReason(long since, long head, long prunedThrough) {
        if (since > head) {
            return "since_ahead";
        }
        if (since < prunedThrough) {
            return "since_too_old";
        }
        if (head - since > MAX_REPLAY) {
            return "too_many";
        }
        return null;
    }

    private static Map<String, Object> resetData(long head, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("head_seq", head);
        data.put("reason", reason);
        return data;
    }

    @FunctionalInterface
    public interface ReadyFactory {
        String frame(long headSeq, int replayed);
    }

}
