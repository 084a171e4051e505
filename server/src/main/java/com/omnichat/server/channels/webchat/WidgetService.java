package com.omnichat.server.channels.webchat;

import com.omnichat.protocol.Channels;
import com.omnichat.protocol.ConversationStatus;
import com.omnichat.protocol.Timestamps;
import com.omnichat.protocol.VisitorMessageView;
import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.conversations.Conversation;
import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.conversations.ConversationViews;
import com.omnichat.server.conversations.MessageStore;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.Tenant;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Visitor identity for the new widget (PROTOCOL.md §B.5, §C.6) and what a visitor may read of its conversation. */
public final class WidgetService {
    private final Database db;
    private final VisitorStore visitors;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final EventLog events;
    private final RandomTokens random;
    private final Clock clock;

    public WidgetService(Database db, VisitorStore visitors, ConversationStore conversations, MessageStore messages,
                         EventLog events, RandomTokens random, Clock clock) {
        this.db = db;
        this.visitors = visitors;
        this.conversations = conversations;
        this.messages = messages;
        this.events = events;
        this.random = random;
        this.clock = clock;
    }

    public record Session(String visitorId, String visitorSecret, ConversationStatus conversation, boolean created) {
    }

    public record History(List<VisitorMessageView> data, ConversationStatus conversation, long streamSeq) {
    }

    /** Valid credentials of this tenant continue the same visitor; anything else starts a new one. */
    public Session openSession(Tenant tenant, String visitorId, String visitorSecret) {
        Optional<Visitor> existing = visitorId == null || visitorSecret == null
                ? Optional.empty() : authenticate(visitorId, visitorSecret).filter(v -> v.tenantId() == tenant.id());
        if (existing.isPresent()) {
            return new Session(existing.get().id(), visitorSecret, conversationOf(existing.get()).orElse(null), false);
        }
        String id = "v_" + random.base62(22);
        String secret = random.base64Url(32);
        db.writer().execute(tx -> {
            visitors.insert(tx.connection(), id, tenant.id(), RandomTokens.sha256Hex(secret), Timestamps.toMicros(clock.instant()));
            return null;
        });
        return new Session(id, secret, null, true);
    }

    public Optional<Visitor> authenticate(String visitorId, String visitorSecret) {
        if (visitorId == null || visitorSecret == null || !visitorId.startsWith("v_") || visitorId.length() > 64) {
            return Optional.empty();
        }
        return db.read(c -> visitors.find(c, visitorId))
                .filter(row -> RandomTokens.constantTimeEquals(row.secretHash(), RandomTokens.sha256Hex(visitorSecret)))
                .map(row -> new Visitor(row.id(), row.tenantId()));
    }

    public Optional<ConversationStatus> conversationOf(Visitor visitor) {
        return db.read(c -> conversations.byKey(c, visitor.tenantId(), Channels.WEBCHAT, visitor.id()))
                .map(ConversationViews::visitor);
    }

    public Optional<Conversation> conversationRow(Visitor visitor) {
        return db.read(c -> conversations.byKey(c, visitor.tenantId(), Channels.WEBCHAT, visitor.id()));
    }

    /** The visitor's messages after {@code afterSeq} (or the newest page), and the highest seq of its own events. */
    public History history(Visitor visitor, Long afterSeq, int limit) {
        return db.read(c -> {
            Optional<Conversation> conversation = conversations.byKey(c, visitor.tenantId(), Channels.WEBCHAT, visitor.id());
            if (conversation.isEmpty()) {
                return new History(List.of(), null, 0);
            }
            long id = conversation.get().id();
            var rows = afterSeq == null ? messages.pageBefore(c, id, null, limit) : messages.pageAfter(c, id, afterSeq, limit);
            return new History(rows.stream().map(ConversationViews::visitor).toList(),
                    ConversationViews.visitor(conversation.get()),
                    events.highestForConversation(c, visitor.tenantId(), id));
        });
    }
}
