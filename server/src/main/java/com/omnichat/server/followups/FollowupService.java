package com.omnichat.server.followups;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.conversations.Cursors;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.storage.Database;
import com.omnichat.server.storage.WriteContext;
import com.omnichat.server.tenants.TenantSettings;
import com.omnichat.server.tenants.TenantStore;

import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Followups from visitors (PROTOCOL.md §A.10): the followup, its conversation, the thank-you and the close commit
 * together in one unit of the single writer, with their events. Admins list, view and archive them (§A.7, §C.4);
 * each change is an admin-only followup.updated event committed with it.
 */
public final class FollowupService {
    private final Database db;
    private final TenantStore tenants;
    private final FollowupStore followups;
    private final ConversationService conversations;
    private final EventLog events;
    private final AuditLog audit;
    private final Clock clock;

    public FollowupService(Database db, TenantStore tenants, FollowupStore followups, ConversationService conversations,
                           EventLog events, AuditLog audit, Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.followups = followups;
        this.conversations = conversations;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    public record Page(List<Map<String, Object>> data, String nextCursor, long unviewedCount, long streamSeq) {
    }

    /** Stores the followup and returns its id. */
    public long submit(long tenantId, String channel, String externalId, Followup followup) {
        requireSomething(followup);
        return db.writer().execute(tx -> {
            var c = tx.connection();
            long now = Timestamps.toMicros(clock.instant());
            TenantSettings settings = tenants.find(c, tenantId).orElseThrow().settings();
            ConversationStore.Head conversation = conversations.thankForFollowup(tx, tenantId, channel, externalId,
                    settings.text("followup_thanks"), settings.followupClosesConversation());
            long id = followups.insert(c, tenantId, conversation.id(), channel, externalId, followup, now);
            announce(tx, "followup.created", followups.find(c, tenantId, id).orElseThrow(), "created", now);
            conversations.announceContactUpdated(tx, tenantId, conversation.id());
            return id;
        });
    }

    /** The legacy list: followups not archived, newest first. */
    public List<Map<String, Object>> legacyList(long tenantId, int limit) {
        return db.read(c -> followups.list(c, FollowupQuery.open(tenantId, limit)).stream()
                .map(FollowupViews::legacyRow).toList());
    }

    public long unviewedCount(long tenantId) {
        return db.read(c -> followups.unviewedCount(c, tenantId));
    }

    /** A v1 page, with the tenant's unviewed count and stream head read in the same snapshot. */
    public Page list(FollowupQuery query) {
        return db.read(c -> {
            List<StoredFollowup> rows = followups.list(c, new FollowupQuery(query.tenantId(), query.archived(),
                    query.viewed(), query.search(), query.createdFrom(), query.createdTo(), query.cursorCreatedAt(),
                    query.cursorId(), query.limit() + 1));
            boolean more = rows.size() > query.limit();
            List<StoredFollowup> page = more ? rows.subList(0, query.limit()) : rows;
            StoredFollowup last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new Page(page.stream().map(FollowupViews::v1).toList(),
                    more ? Cursors.encode(last.createdAt(), last.id()) : null,
                    followups.unviewedCount(c, query.tenantId()), tenants.headSeq(c, query.tenantId()));
        });
    }

    /**
     * Marks a followup viewed (idempotent: a second call changes nothing and emits nothing). Unknown, another
     * tenant's, or archived when {@code archivedToo} is false: 404.
     */
    public StoredFollowup markViewed(Principal admin, long id, boolean archivedToo) {
        return db.writer().execute(tx -> {
            var c = tx.connection();
            StoredFollowup current = followups.find(c, admin.tenantId(), id)
                    .filter(f -> archivedToo || !f.isArchived())
                    .orElseThrow(FollowupService::notFound);
            long now = Timestamps.toMicros(clock.instant());
            if (!followups.markViewed(c, admin.tenantId(), id, now)) {
                return current;
            }
            StoredFollowup viewed = followups.find(c, admin.tenantId(), id).orElseThrow();
            announce(tx, "followup.updated", viewed, "viewed", now);
            return viewed;
        });
    }

    /** Archives a followup into history; unknown, another tenant's or already archived: 404. */
    public StoredFollowup archive(Principal admin, long id, String ip) {
        return db.writer().execute(tx -> {
            var c = tx.connection();
            long now = Timestamps.toMicros(clock.instant());
            if (!followups.archive(c, admin.tenantId(), id, admin.userId(), now)) {
                throw notFound();
            }
            StoredFollowup archived = followups.find(c, admin.tenantId(), id).orElseThrow();
            announce(tx, "followup.updated", archived, "archived", now);
            audit.record(c, AuditEntry.byUser(admin.tenantId(), "followup.archived", admin.userId(), admin.name(),
                    "followup", Long.toString(id), ip, Map.of("external_id", archived.externalId(),
                            "channel", archived.channel())), now);
            return archived;
        });
    }

    private void announce(WriteContext tx, String type, StoredFollowup f, String reason, long now) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("followup", FollowupViews.v1(f));
        data.put("reason", reason);
        events.append(tx, new EventLog.Draft(f.tenantId(), tenants.nextSeq(tx.connection(), f.tenantId()), type, true,
                null, null, data, null), now);
    }

    public static ApiException notFound() {
        return ApiException.notFound("Followup not found");
    }

    /** Refuses a followup with nothing in it; routes call it before counting the request against the limits. */
    public static void requireSomething(Followup f) {
        if (Stream.of(f.name(), f.email(), f.phone(), f.message()).allMatch(v -> v == null || v.isBlank())) {
            throw ApiException.invalid(new FieldError("body", null, "value_error",
                    "At least one of name, email, phone or message is required"));
        }
    }
}
