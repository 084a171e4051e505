package com.omnichat.desktop.notify;

import com.omnichat.desktop.model.IncomingMessages;
import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.MessageView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns incoming contact messages into few notifications: one per conversation per quiet period (later messages are
 * counted into the next one), and a single summary for everything caught up after a reconnect.
 */
public final class Notifier implements IncomingMessages, AutoCloseable {
    static final Duration QUIET = Duration.ofSeconds(30);

    private final NotificationSink sink;
    private final Clock clock;
    private final Map<String, Instant> lastShown = new HashMap<>();
    private final Map<String, Integer> held = new HashMap<>();
    private final Map<String, Integer> caughtUp = new LinkedHashMap<>();

    public Notifier(NotificationSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** The tray where the desktop has one; otherwise notifications are dropped. */
    public static NotificationSink desktopSink() {
        return TrayNotifications.install().orElse((title, text) -> {
        });
    }

    @Override
    public void arrived(ConversationView conversation, MessageView message, boolean replayed) {
        String id = message.conversationId();
        if (replayed) {
            caughtUp.merge(id, 1, Integer::sum);
            return;
        }
        Instant now = clock.instant();
        Instant last = lastShown.get(id);
        if (last != null && Duration.between(last, now).compareTo(QUIET) < 0) {
            held.merge(id, 1, Integer::sum);
            return;
        }
        int earlier = held.getOrDefault(id, 0);
        held.remove(id);
        lastShown.put(id, now);
        String more = earlier > 0 ? " (+" + earlier + " more)" : "";
        sink.show(name(conversation, id), message.text() + more);
    }

    @Override
    public void caughtUp() {
        if (caughtUp.isEmpty()) {
            return;
        }
        int messages = caughtUp.values().stream().mapToInt(Integer::intValue).sum();
        int conversations = caughtUp.size();
        // The summary counts as each conversation's notification: a live message just after it is held, not shown.
        Instant now = clock.instant();
        caughtUp.keySet().forEach(id -> lastShown.put(id, now));
        caughtUp.clear();
        sink.show("Omnichat", messages + (messages == 1 ? " new message" : " new messages") + " in " + conversations
                + (conversations == 1 ? " conversation" : " conversations") + " while you were offline");
    }

    private static String name(ConversationView conversation, String id) {
        if (conversation == null) {
            return "New message";
        }
        if (conversation.contact() != null && conversation.contact().name() != null) {
            return conversation.contact().name();
        }
        return conversation.externalId();
    }

    @Override
    public void close() {
        sink.close();
    }
}
