package com.omnichat.server.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Channels;
import com.omnichat.protocol.Timestamps;
import com.omnichat.protocol.UserRef;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.conversations.Conversation;
import com.omnichat.server.conversations.ConversationRef;
import com.omnichat.server.conversations.ConversationService;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Typing indicators from any socket, legacy or v1, to everyone else who watches the conversation (PROTOCOL.md
 * §A.13), each in the shape its clients read. Conversation lookups run on the socket work executor, never on a
 * Jetty thread.
 */
public final class TypingRelay {
    private final Hub hub;
    private final EventLog events;
    private final ConversationService conversations;
    private final TypingThrottle throttle;
    private final ObjectMapper json;
    private final Executor work;
    private final Clock clock;

    public TypingRelay(Hub hub, EventLog events, ConversationService conversations, TypingThrottle throttle,
                       ObjectMapper json, Executor work, Clock clock) {
        this.hub = hub;
        this.events = events;
        this.conversations = conversations;
        this.throttle = throttle;
        this.json = json;
        this.work = work;
        this.clock = clock;
    }

    /**
     * A web visitor's typing (legacy id or widget visitor id): to legacy staff sockets at once; to v1 staff streams,
     * if any is connected, after looking up the conversation id they need.
     */
    public void fromVisitor(long tenantId, String visitorKey, boolean start) {
        if (!throttle.allow("user\u0000" + tenantId + "\u0000" + visitorKey, start)) {
            return;
        }
        hub.toLegacyStaff(tenantId, visitorTypingFrame(visitorKey, start));
        if (hub.staffOnline(tenantId).isEmpty()) {
            return;
        }
        run(() -> conversations.find(tenantId, new ConversationRef.ByKey(Channels.WEBCHAT, visitorKey))
                .ifPresent(conversation -> hub.toStaffStreams(tenantId,
                        events.ephemeral("typing", staffData(conversation.publicId(), "user", null, start)), null)));
    }

    /** A staff member's typing, only about a conversation of their own tenant; not echoed to the socket it came from. */
    public void fromStaff(Principal staff, ConversationRef ref, boolean start, StreamSession origin) {
        if (!throttle.allow("staff\u0000" + staff.userId() + "\u0000" + ref, start)) {
            return;
        }
        String ts = Timestamps.format(clock.instant());
        run(() -> conversations.find(staff.tenantId(), ref).ifPresent(conversation -> {
            UserRef author = new UserRef(Long.toString(staff.userId()), staff.name());
            hub.toStaffStreams(staff.tenantId(), events.ephemeral("typing",
                    staffData(conversation.publicId(), "staff", author, start)), origin);
            if (conversation.channel().equals(Channels.WEBCHAT)) {
                toVisitor(staff.tenantId(), conversation, start, ts);
            }
        }));
    }

    private void toVisitor(long tenantId, Conversation conversation, boolean start, String ts) {
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("type", start ? "typing" : "stop_typing");
        legacy.put("sender", "staff");
        legacy.put("ts", ts);
        hub.toLegacyVisitor(tenantId, conversation.externalId(), write(legacy));
        Map<String, Object> visitorData = new LinkedHashMap<>();
        visitorData.put("actor", "staff");
        visitorData.put("state", state(start));
        hub.toVisitorStreams(tenantId, conversation.externalId(), events.ephemeral("typing", visitorData));
    }

    /** To /admin-ws: the six keys of a broadcast frame, text empty. */
    private String visitorTypingFrame(String visitorKey, boolean start) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("user_id", visitorKey);
        frame.put("channel", Channels.WEBCHAT);
        frame.put("sender", "user");
        frame.put("text", "");
        frame.put("type", start ? "typing" : "stop_typing");
        frame.put("ts", Timestamps.format(clock.instant()));
        return write(frame);
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

    private void run(Runnable task) {
        try {
            work.execute(task);
        } catch (RejectedExecutionException dropped) {
            // Typing is ephemeral: under overload it is the first thing to give up.
        }
    }

    private String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Frame is not serialisable", e);
        }
    }
}
