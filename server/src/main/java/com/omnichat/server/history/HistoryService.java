package com.omnichat.server.history;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.conversations.ClosedConversationStore;
import com.omnichat.server.conversations.Conversation;
import com.omnichat.server.conversations.ConversationQuery;
import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.conversations.ConversationViews;
import com.omnichat.server.conversations.Cursors;
import com.omnichat.server.followups.FollowupStore;
import com.omnichat.server.followups.FollowupViews;
import com.omnichat.server.followups.StoredFollowup;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.storage.Database;
import com.omnichat.server.storage.WriteContext;
import com.omnichat.server.tenants.TenantStore;

import java.sql.SQLException;
import com.omnichat.server.tenants.SettingsResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * History: closed conversations and archived followups together (PROTOCOL.md §A.8, §C.4), the legacy export, and
 * the two purges. Purges commit with their audit entry and their history.purged event; audit rows are never purged.
 */
public final class HistoryService {
    private static final int LEGACY_LIST_LIMIT = 500;
    private static final long MICROS_PER_DAY = Duration.ofDays(1).toNanos() / 1_000;

    private final Database db;
    private final TenantStore tenants;
    private final FollowupStore followups;
    private final ConversationStore conversations;
    private final ClosedConversationStore closed;
    private final ConversationViews views;
    private final EventLog events;
    private final AuditLog audit;
    private final SettingsResolver settings;
    private final Clock clock;
    private final ServerMetrics metrics;

    public HistoryService(Database db, TenantStore tenants, FollowupStore followups, ConversationStore conversations,
                          ClosedConversationStore closed, ConversationViews views, EventLog events, AuditLog audit,
                          SettingsResolver settings, Clock clock, ServerMetrics metrics) {
        this.db = db;
        this.tenants = tenants;
        this.followups = followups;
        this.conversations = conversations;
        this.closed = closed;
        this.views = views;
        this.events = events;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    public record Page(List<Map<String, Object>> data, String nextCursor) {
    }

    public record HistoryQuery(long tenantId, Long from, Long to, List<String> channels, String search, String cursor,
                               int limit) {
    }

    public record ExportAndDelete(List<Map<String, Object>> history, int deleted) {
    }

    public record Purged(int followups, int conversations, int messages) {
    }

    private long now() {
        return Timestamps.toMicros(clock.instant());
    }

    /** The legacy list: newest 500 closed conversations and newest 500 archived followups, by updated_at, nulls last. */
    public List<Map<String, Object>> legacyList(long tenantId) {
        return db.read(c -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Conversation conversation : conversations.list(c, ConversationQuery.statuses(tenantId,
                    List.of(Conversation.CLOSED), LEGACY_LIST_LIMIT))) {
                items.add(legacyItem(conversation));
            }
            for (StoredFollowup f : followups.archived(c, tenantId, null, LEGACY_LIST_LIMIT)) {
                items.add(FollowupViews.legacyHistoryItem(f));
            }
            // Timestamps share one fixed-width format, so text order is time order.
            items.sort(Comparator.comparing((Map<String, Object> item) -> (String) item.get("updated_at"),
                    Comparator.nullsLast(Comparator.reverseOrder())));
            return items;
        });
    }

    private static Map<String, Object> legacyItem(Conversation c) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("conversation_id", c.publicId());
        item.put("user_id", c.externalId());
        item.put("channel", c.channel());
        item.put("assigned_staff", c.assignedName());
        item.put("created_at", Timestamps.formatMicros(c.createdAt()));
        item.put("updated_at", Timestamps.formatMicros(c.updatedAt()));
        item.put("closed_at", Timestamps.formatMicros(c.closedAt()));
        item.put("name", null);
        item.put("email", null);
        item.put("phone", null);
        item.put("message", null);
        item.put("message_count", c.messageCount());
        item.put("source", "conversation");
        return item;
    }

    /** The legacy export: archived followups (within the last {@code days} when given), newest archive first. */
    public List<Map<String, Object>> legacyExport(Principal admin, Integer days, String ip) {
        long now = now();
        Long from = days == null ? null : now - days * MICROS_PER_DAY;
        List<Map<String, Object>> rows = db.read(c -> followups.archived(c, admin.tenantId(), from, Integer.MAX_VALUE))
                .stream().map(FollowupViews::legacyExportRow).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", "followups");
        details.put("format", "legacy");
        details.put("days", days);
        details.put("count", rows.size());
        recordExport(admin, ip, details);
        return rows;
    }

    /** Writes the history.exported entry of an export about to be sent. */
    public void recordExport(Principal admin, String ip, Map<String, Object> details) {
        db.writer().execute(tx -> {
            audit.record(tx.connection(), AuditEntry.byUser(admin.tenantId(), "history.exported", admin.userId(),
                    admin.name(), null, null, ip, details), now());
            return null;
        });
    }

    /**
     * In one transaction: every archived followup of the caller's tenant (the export), then deletion of those archived
     * before the tenant's retention. Nothing of another tenant, and no conversation, is touched.
     */
    public ExportAndDelete exportAndDelete(Principal admin, String ip) {
        return db.writer().execute(tx -> {
            var c = tx.connection();
            long now = now();
            long tenantId = admin.tenantId();
            List<Map<String, Object>> rows = followups.archived(c, tenantId, null, Integer.MAX_VALUE).stream()
                    .map(FollowupViews::legacyExportRow).toList();
            int days = settings.resolve(tenants.find(c, tenantId).orElseThrow()).historyRetentionDays();
            long cutoff = now - days * MICROS_PER_DAY;
            int deleted = followups.deleteArchivedBefore(c, tenantId, cutoff);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("total_exported", rows.size());
            details.put("deleted_count", deleted);
            details.put("retention_days", days);
            announcePurge(tx, admin, ip, cutoff, new Purged(deleted, 0, 0), details, now);
            tx.afterCommit(() -> metrics.pruned(ServerMetrics.Pruned.FOLLOWUPS, deleted));
            return new ExportAndDelete(rows, deleted);
        });
    }

    /** Deletes archived followups and closed conversations (with their messages) older than {@code days}. */
    public Purged purge(Principal admin, int days, String ip) {
        return db.writer().execute(tx -> {
            var c = tx.connection();
            long now = now();
            long cutoff = now - days * MICROS_PER_DAY;
            int deletedFollowups = followups.deleteArchivedBefore(c, admin.tenantId(), cutoff);
            ClosedConversationStore.Purged gone = closed.deleteClosedBefore(c, admin.tenantId(), cutoff);
            Purged purged = new Purged(deletedFollowups, gone.conversations(), gone.messages());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("older_than_days", days);
            details.put("followups", purged.followups());
            details.put("conversations", purged.conversations());
            details.put("messages", purged.messages());
            announcePurge(tx, admin, ip, cutoff, purged, details, now);
            tx.afterCommit(() -> {
                metrics.pruned(ServerMetrics.Pruned.FOLLOWUPS, purged.followups());
                metrics.pruned(ServerMetrics.Pruned.CONVERSATIONS, purged.conversations());
                metrics.pruned(ServerMetrics.Pruned.MESSAGES, purged.messages());
            });
            return purged;
        });
    }

    private void announcePurge(WriteContext tx, Principal admin, String ip, long cutoff, Purged purged,
                               Map<String, Object> details, long now) throws SQLException {
        var c = tx.connection();
        audit.record(c, AuditEntry.byUser(admin.tenantId(), "history.purged", admin.userId(), admin.name(), null, null,
                ip, details), now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("before", Timestamps.formatMicros(cutoff));
        data.put("followups", purged.followups());
        data.put("conversations", purged.conversations());
        events.append(tx, new EventLog.Draft(admin.tenantId(), tenants.nextSeq(c, admin.tenantId()), "history.purged",
                false, null, null, data, null), now);
    }

    /**
     * The v1 history: closed conversations (by close time) and archived followups (by archive time), newest first.
     * The cursor is the last item's time and a tie-breaker: the conversation's id, or the negated followup number,
     * so at equal times conversations come first and the order is total.
     */
    public Page list(HistoryQuery q) {
        long[] position = q.cursor() == null ? null : Cursors.decode(q.cursor());
        Long cursorAt = position == null ? null : position[0];
        Long cursorTie = position == null ? null : position[1];
        return db.read(c -> {
            List<Conversation> closedRows = closed.page(c, q.tenantId(), q.from(), q.to(), q.channels(), q.search(),
                    cursorAt, cursorTie, q.limit() + 1);
            List<StoredFollowup> archivedRows = followups.archivedPage(c, q.tenantId(), q.from(), q.to(), q.channels(),
                    q.search(), cursorAt, cursorTie, q.limit() + 1);
            List<Map<String, Object>> data = new ArrayList<>();
            int i = 0;
            int j = 0;
            long lastAt = 0;
            long lastTie = 0;
            while (data.size() < q.limit() && (i < closedRows.size() || j < archivedRows.size())) {
                boolean takeConversation = j >= archivedRows.size() || i < closedRows.size()
                        && closedRows.get(i).closedAt() >= archivedRows.get(j).archivedAt();
                Map<String, Object> item = new LinkedHashMap<>();
                if (takeConversation) {
                    Conversation conversation = closedRows.get(i++);
                    item.put("kind", "conversation");
                    item.put("conversation", views.staff(conversation));
                    lastAt = conversation.closedAt();
                    lastTie = conversation.id();
                } else {
                    StoredFollowup f = archivedRows.get(j++);
                    item.put("kind", "followup");
                    item.put("followup", FollowupViews.v1(f));
                    lastAt = f.archivedAt();
                    lastTie = -f.id();
                }
                data.add(item);
            }
            boolean more = i < closedRows.size() || j < archivedRows.size();
            return new Page(data, more ? Cursors.encode(lastAt, lastTie) : null);
        });
    }
}
