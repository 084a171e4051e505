package com.omnichat.server.legacy;

import com.omnichat.protocol.Channels;
import com.omnichat.protocol.Timestamps;
import com.omnichat.protocol.UserRef;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.conversations.Conversation;
import com.omnichat.server.conversations.ConversationRef;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.realtime.Hub;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Typing indicators from the legacy sockets to everyone else who watches the conversation (PROTOCOL.md §A.13).
 * Conversation lookups run on the socket work executor, never on a Jetty thread.
 */
final class TypingRelay {
    private static final long START_INTERVAL_MS = 2_000;
    private static final int MAX_THROTTLE_KEYS = 10_000;

    private final Hub hub;
    private final EventLog events;
    private final ConversationService conversations;
    private final LegacyFrames frames;
    private final Executor work;
    private final Clock clock;
    private final Map<String, Long> lastStart = new ConcurrentHashMap<>();

    TypingRelay(Hub hub, EventLog events, ConversationService conversations, LegacyFrames frames, Executor work,
                Clock clock) {
        this.hub = hub;
        this.events = events;
        this.conversations = conversations;
        this.frames = frames;
        this.work = work;
        this.clock = clock;
    }

    /**
     * A legacy visitor's typing: to legacy staff sockets at once; to v1 staff streams, if any is connected, after
     * looking up the conversation id they need.
     */
    void fromVisitor(long tenantId, String userId, boolean start) {
        if (!passes("user\u0000" + tenantId + "\u0000" + userId, start)) {
            return;
        }
        hub.toLegacyStaff(tenantId, frames.visitorTyping(userId, start, now()));
        if (hub.staffOnline(tenantId).isEmpty()) {
            return;
        }
        run(() -> {
            String conversationId = conversations.find(tenantId, new ConversationRef.ByKey(Channels.WEBCHAT, userId))
                    .map(Conversation::publicId).orElse(null);
            hub.toStaffStreams(tenantId, events.ephemeral("typing", staffData(conversationId, "user", null, start)), null);
        });
    }

    /** A staff member's typing on /admin-ws: only about a conversation of their own tenant. */
    void fromStaff(Principal staff, String channel, String userId, boolean start) {
        if (!passes("staff\u0000" + staff.userId() + "\u0000" + channel + "\u0000" + userId, start)) {
            return;
        }
        String ts = now();
        run(() -> {
            Optional<Conversation> conversation = conversations.find(staff.tenantId(), new ConversationRef.ByKey(channel, userId));
            if (conversation.isEmpty()) {
                return;
            }
            UserRef author = new UserRef(Long.toString(staff.userId()), staff.name());
            hub.toStaffStreams(staff.tenantId(), events.ephemeral("typing",
                    staffData(conversation.get().publicId(), "staff", author, start)), null);
            if (channel.equals(Channels.WEBCHAT)) {
                hub.toLegacyVisitor(staff.tenantId(), userId, frames.staffTyping(start, ts));
                Map<String, Object> visitorData = new LinkedHashMap<>();
                visitorData.put("actor", "staff");
                visitorData.put("state", state(start));
                hub.toVisitorStreams(staff.tenantId(), userId, events.ephemeral("typing", visitorData));
            }
        });
    }

    private static Map<String, Object> staffData(String conversationId, String actor, UserRef user, boolean start) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversation_id", conversationId);
        data.put("actor", actor);
        data.put("user", user);
        data.put("state", state(start));
        return data;
    }

    private static String state(boolean start) {
        return start ? "start" : "stop";
    }

    /**
     * At most one start per conversation and actor every two seconds: the widget sends one per keystroke. A stop
     * always passes and ends the window, so typing again after a stop is news, not a repeat.
     */
    private boolean passes(String key, boolean start) {
        if (!start) {
            lastStart.remove(key);
            return true;
        }
        long now = clock.millis();
        if (lastStart.size() > MAX_THROTTLE_KEYS) {
            lastStart.values().removeIf(at -> now - at >= START_INTERVAL_MS);
        }
        boolean[] allowed = new boolean[1];
        lastStart.compute(key, (k, at) -> {
            allowed[0] = at == null || now - at >= START_INTERVAL_MS;
            return allowed[0] ? now : at;
        });
        return allowed[0];
    }

    private void run(Runnable task) {
        try {
            work.execute(task);
        } catch (RejectedExecutionException dropped) {
            // Typing is ephemeral: under overload it is the first thing to give up.
        }
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }
}
