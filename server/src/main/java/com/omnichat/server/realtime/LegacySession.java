package com.omnichat.server.realtime;

/** A socket of the legacy surface: /admin-ws (staff) or /ws/{user_id} (visitor, keyed by its id). */
public final class LegacySession {
    private final FrameSender sender;
    private final long tenantId;
    private final long userId;
    private final String visitorKey;
    private volatile long lastClientFrameAt;
    private volatile boolean pingOutstanding;

    public LegacySession(FrameSender sender, long tenantId, long userId, String visitorKey, long now) {
        this.sender = sender;
        this.tenantId = tenantId;
        this.userId = userId;
        this.visitorKey = visitorKey;
        this.lastClientFrameAt = now;
    }

    public FrameSender sender() {
        return sender;
    }

    public long tenantId() {
        return tenantId;
    }

    public long userId() {
        return userId;
    }

    public String visitorKey() {
        return visitorKey;
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
