package com.omnichat.server.realtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One v1 stream socket (staff or visitor). Live events that arrive while the replay from the database is running are
 * buffered and sent after it, so the client sees every visible event once, in strictly increasing seq.
 */
public final class StreamSession {
    public enum Kind { STAFF, VISITOR }

    private enum State { REPLAYING, LIVE }

    private static final int MAX_BUFFERED = 10_000;

    private final FrameSender sender;
    private final Kind kind;
    private final long tenantId;
    private final long userId;
    private final String userName;
    private final boolean admin;
    private final String visitorKey;
    private State state = State.REPLAYING;
    private long lastSentSeq;
    private final List<StreamEvent> buffered = new ArrayList<>();
    private volatile long lastClientFrameAt;
    private volatile boolean pingOutstanding;

    private StreamSession(FrameSender sender, Kind kind, long tenantId, long userId, String userName, boolean admin,
                          String visitorKey, long now) {
        this.sender = sender;
        this.kind = kind;
        this.tenantId = tenantId;
        this.userId = userId;
        this.userName = userName;
        this.admin = admin;
        this.visitorKey = visitorKey;
        this.lastClientFrameAt = now;
    }

    public static StreamSession staff(FrameSender sender, long tenantId, long userId, String userName, boolean admin, long now) {
        return new StreamSession(sender, Kind.STAFF, tenantId, userId, userName, admin, null, now);
    }

    public static StreamSession visitor(FrameSender sender, long tenantId, String visitorKey, long now) {
        return new StreamSession(sender, Kind.VISITOR, tenantId, 0, null, false, visitorKey, now);
    }

    public Kind kind() {
        return kind;
    }

    public long tenantId() {
        return tenantId;
    }

    public long userId() {
        return userId;
    }

    public String userName() {
        return userName;
    }

    public boolean admin() {
        return admin;
    }

    public String visitorKey() {
        return visitorKey;
    }

    public FrameSender sender() {
        return sender;
    }

    /** Whether this socket may see the event at all. */
    public boolean canSee(StreamEvent event) {
        if (kind == Kind.STAFF) {
            return !event.adminOnly() || admin;
        }
        return event.visitorFrame() != null && visitorKey.equals(event.visitorKey());
    }

    private String frameOf(StreamEvent event) {
        return kind == Kind.STAFF ? event.staffFrame() : event.visitorFrame();
    }

    /** The bytes this socket would be sent for these events. */
    public long visibleBytes(List<StreamEvent> events) {
        long bytes = 0;
        for (StreamEvent event : events) {
            if (canSee(event)) {
                bytes += FrameBytes.of(frameOf(event));
            }
        }
        return bytes;
    }

    /** A live event from the hub. */
    public synchronized void deliver(StreamEvent event) {
        if (!canSee(event)) {
            return;
        }
        if (state == State.REPLAYING) {
            if (buffered.size() >= MAX_BUFFERED) {
                sender.close(CloseCodes.SLOW_CONSUMER, "slow consumer");
                return;
            }
            buffered.add(event);
            return;
        }
        sendIfNew(event);
    }

    /** A replayed event from the database; runs before {@link #goLive}. */
    public synchronized void replay(StreamEvent event) {
        if (canSee(event)) {
            sendIfNew(event);
        }
    }

    /** Sends what arrived during the replay, then the closing frame of the replay, and switches to live delivery. */
    public synchronized void goLive(long replayedThrough, String readyFrame) {
        lastSentSeq = Math.max(lastSentSeq, replayedThrough);
        for (StreamEvent event : buffered) {
            sendIfNew(event);
        }
        buffered.clear();
        sender.send(readyFrame);
        state = State.LIVE;
    }

    private void sendIfNew(StreamEvent event) {
        if (event.seq() > lastSentSeq) {
            sender.send(frameOf(event));
            lastSentSeq = event.seq();
        }
    }

    /** An ephemeral frame (typing, presence, ack): no seq, no ordering with replay. */
    public void sendEphemeral(String frame) {
        sender.send(frame);
    }

    public void clientFrameReceived(long now) {
        lastClientFrameAt = now;
        pingOutstanding = false;
    }

    public long lastClientFrameAt() {
        return lastClientFrameAt;
    }

    public boolean pingOutstanding() {
        return pingOutstanding;
    }

    public void pingSent() {
        pingOutstanding = true;
    }
}
