package com.omnichat.server.followups;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.TenantSettings;
import com.omnichat.server.tenants.TenantStore;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Followups from visitors (PROTOCOL.md §A.10): the followup, its conversation, the thank-you and the close commit
 * together in one unit of the single writer, with their events.
 */
public final class FollowupService {
    private final Database db;
    private final TenantStore tenants;
    private final FollowupStore followups;
    private final ConversationService conversations;
    private final EventLog events;
    private final Clock clock;

    public FollowupService(Database db, TenantStore tenants, FollowupStore followups, ConversationService conversations,
                           EventLog events, Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.followups = followups;
        this.conversations = conversations;
        this.events = events;
        this.clock = clock;
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
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("followup", view(id, conversation.publicId(), channel, externalId, followup, now));
            data.put("reason", "created");
            events.append(tx, new EventLog.Draft(tenantId, tenants.nextSeq(c, tenantId), "followup.created", true,
                    conversation.id(), null, data, null), now);
            return id;
        });
    }

    /** Refuses a followup with nothing in it; routes call it before counting the request against the limits. */
    public static void requireSomething(Followup f) {
        if (Stream.of(f.name(), f.email(), f.phone(), f.message()).allMatch(v -> v == null || v.isBlank())) {
            throw ApiException.invalid(new FieldError("body", null, "value_error",
                    "At least one of name, email, phone or message is required"));
        }
    }

    private static Map<String, Object> view(long id, String conversationId, String channel, String externalId,
                                            Followup f, long now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", Long.toString(id));
        view.put("conversation_id", conversationId);
        view.put("channel", channel);
        view.put("external_id", externalId);
        view.put("name", f.name());
        view.put("email", f.email());
        view.put("phone", f.phone());
        view.put("message", f.message());
        view.put("created_at", Timestamps.formatMicros(now));
        view.put("viewed_at", null);
        view.put("archived_at", null);
        view.put("archived_by", null);
        return view;
    }
}
