package com.omnichat.server.conversations;

import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.MessageView;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.TenantStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Read models of conversations for staff: legacy rows and v1 pages, each with the stream head of the same snapshot. */
public final class ConversationReader {
    private final Database db;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final TenantStore tenants;
    private final ConversationViews views;

    public ConversationReader(Database db, ConversationStore conversations, MessageStore messages, TenantStore tenants,
                              ConversationViews views) {
        this.db = db;
        this.conversations = conversations;
        this.messages = messages;
        this.tenants = tenants;
        this.views = views;
    }

    public record Page(List<ConversationView> data, String nextCursor, long streamSeq) {
    }

    public record Single(ConversationView conversation, long streamSeq) {
    }

    public record MessagePage(List<MessageView> data, boolean hasMore, long streamSeq) {
    }

    public record LegacyMessages(List<Map<String, Object>> messages, Map<String, Object> conversation) {
    }

    public List<Map<String, Object>> legacyRows(long tenantId, List<String> statuses, int limit) {
        return db.read(c -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Conversation conversation : conversations.list(c, ConversationQuery.statuses(tenantId, statuses, limit))) {
                rows.add(ConversationViews.legacyRow(conversation, messages.newestSenderTexts(c, conversation.id(), 3)));
            }
            return rows;
        });
    }

    public LegacyMessages legacyMessages(long tenantId, String channel, String externalId) {
        return db.read(c -> {
            Optional<Conversation> conversation = conversations.byKey(c, tenantId, channel, externalId);
            if (conversation.isEmpty()) {
                return new LegacyMessages(List.of(), null);
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (Message m : messages.pageBefore(c, conversation.get().id(), null, 1000)) {
                items.add(ConversationViews.legacyItem(m));
            }
            return new LegacyMessages(items, ConversationViews.legacyRow(conversation.get(),
                    messages.newestSenderTexts(c, conversation.get().id(), 3)));
        });
    }

    /**
     * Snapshot frames of /admin-ws: open conversations, newest first, each with its newest messages, offered one at a
     * time until {@code take} refuses one, so a caller with a byte budget never has more than one frame in hand.
     */
    public void legacySnapshot(long tenantId, Predicate<Map<String, Object>> take) {
        db.read(c -> {
            List<Conversation> open = conversations.list(c, ConversationQuery.statuses(tenantId,
                    List.of(Conversation.OPEN, Conversation.ESCALATED), 200));
            for (Conversation conversation : open) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (Message m : messages.pageBefore(c, conversation.id(), null, 100)) {
                    items.add(ConversationViews.legacyItem(m));
                }
                Map<String, Object> data = new java.util.LinkedHashMap<>();
                data.put("user_id", conversation.externalId());
                data.put("channel", conversation.channel());
                data.put("assigned_staff", conversation.assignedName());
                data.put("open", !conversation.isClosed());
                data.put("last_updated", com.omnichat.protocol.Timestamps.formatMicros(conversation.updatedAt()));
                data.put("message_count", conversation.messageCount());
                data.put("messages", items);
                Map<String, Object> frame = new java.util.LinkedHashMap<>();
                frame.put("type", "snapshot");
                frame.put("data", data);
                if (!take.test(frame)) {
                    break;
                }
            }
            return null;
        });
    }

    public Page list(Principal staff, ConversationQuery query) {
        return db.read(c -> {
            List<Conversation> rows = conversations.list(c, query.withLimit(query.limit() + 1));
            boolean more = rows.size() > query.limit();
            List<Conversation> page = more ? rows.subList(0, query.limit()) : rows;
            List<ConversationView> data = new ArrayList<>();
            for (Conversation conversation : page) {
                data.add(withUnread(c, staff, conversation));
            }
            Conversation last = page.isEmpty() ? null : page.get(page.size() - 1);
            String next = more ? Cursors.encode(query.sortKeyOf(last), last.id()) : null;
            return new Page(data, next, tenants.headSeq(c, staff.tenantId()));
        });
    }

    public Optional<Single> get(Principal staff, String publicId) {
        return db.read(c -> {
            Optional<Conversation> conversation = conversations.byPublicId(c, staff.tenantId(), publicId);
            if (conversation.isEmpty()) {
                return Optional.<Single>empty();
            }
            return Optional.of(new Single(withUnread(c, staff, conversation.get()), tenants.headSeq(c, staff.tenantId())));
        });
    }

    public ConversationView view(Principal staff, Conversation conversation) {
        return db.read(c -> withUnread(c, staff, conversation));
    }

    public Optional<MessagePage> messages(Principal staff, String publicId, Long beforeSeq, Long afterSeq, int limit) {
        return db.read(c -> {
            Optional<Conversation> conversation = conversations.byPublicId(c, staff.tenantId(), publicId);
            if (conversation.isEmpty()) {
                return Optional.<MessagePage>empty();
            }
            long id = conversation.get().id();
            List<Message> rows = afterSeq != null
                    ? messages.pageAfter(c, id, afterSeq, limit + 1)
                    : messages.pageBefore(c, id, beforeSeq, limit + 1);
            boolean more = rows.size() > limit;
            if (more) {
                rows = afterSeq != null ? rows.subList(0, limit) : rows.subList(1, rows.size());
            }
            List<MessageView> data = rows.stream().map(ConversationViews::staff).toList();
            return Optional.of(new MessagePage(data, more, tenants.headSeq(c, staff.tenantId())));
        });
    }

    private ConversationView withUnread(Connection c, Principal staff, Conversation conversation) throws SQLException {
        return views.staff(conversation).withUnreadCount(conversations.unreadCount(c, conversation.id(), staff.userId()));
    }
}
