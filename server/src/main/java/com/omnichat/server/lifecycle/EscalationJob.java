package com.omnichat.server.lifecycle;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.storage.Database;
import com.omnichat.server.storage.WriteContext;
import com.omnichat.server.tenants.SettingsResolver;
import com.omnichat.server.tenants.Tenant;
import com.omnichat.server.tenants.TenantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * PROTOCOL.md §D.4 steps 1 and 2: the patience text, then escalation with its alert, for conversations whose first
 * contact message of the open period has waited too long for staff. State lives only in the conversation row; each
 * step sets its flag in the transaction that stores its text, after re-checking that it is still due.
 */
public final class EscalationJob {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationJob.class);
    /** Conversations handled per run; more wait for the next run, seconds later. */
    private static final int BATCH = 500;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final Database db;
    private final TenantStore tenants;
    private final SettingsResolver settingsResolver;
    private final LifecycleStore store;
    private final ConversationStore conversations;
    private final ConversationService conversationService;
    private final AuditLog audit;
    private final AlertSender alerts;
    private final Clock clock;

    public EscalationJob(Database db, TenantStore tenants, SettingsResolver settingsResolver,
                         ConversationStore conversations,
                         ConversationService conversationService, AuditLog audit, AlertSender alerts, Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.settingsResolver = settingsResolver;
        this.store = new LifecycleStore();
        this.conversations = conversations;
        this.conversationService = conversationService;
        this.audit = audit;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** One pass over every tenant; returns how many steps (patience texts and escalations) were taken. */
    public int run() {
        Instant at = clock.instant();
        long now = Timestamps.toMicros(at);
        Map<Long, LifecycleSettings> settings = new HashMap<>();
        Map<Long, LifecycleStore.EscalationCutoffs> cutoffs = new HashMap<>();
        List<LifecycleStore.Waiting> waiting = db.read(c -> {
            for (Tenant tenant : tenants.all(c)) {
                LifecycleSettings s = LifecycleSettings.of(settingsResolver.resolve(tenant));
                if (tenant.disabled() || (s.patienceSeconds() == 0 && s.escalateAfterSeconds() == 0)) {
                    continue;
                }
                settings.put(tenant.id(), s);
                cutoffs.put(tenant.id(), new LifecycleStore.EscalationCutoffs(tenant.id(),
                        cutoff(now, s.patienceSeconds()), cutoff(now, s.escalateAfterSeconds())));
            }
            return cutoffs.isEmpty() ? List.of() : store.waitingTooLong(c, List.copyOf(cutoffs.values()), BATCH);
        });
        List<CompletableFuture<Boolean>> steps = new ArrayList<>();
        for (LifecycleStore.Waiting w : waiting) {
            long tenantId = w.head().tenantId();
            LifecycleSettings s = settings.get(tenantId);
            LifecycleStore.EscalationCutoffs due = cutoffs.get(tenantId);
            steps.add(db.writer().submit(tx -> w.escalate()
                    ? escalate(tx, w.head(), s, due.escalateCutoff(), at, now)
                    : sendPatience(tx, w.head(), s, due.patienceCutoff(), now)));
        }
        return LifecycleJobs.countTaken(steps, "escalation", LOG);
    }

    private static long cutoff(long now, long thresholdSeconds) {
        return thresholdSeconds == 0 ? LifecycleStore.DISABLED : now - thresholdSeconds * MICROS_PER_SECOND;
    }

    private boolean sendPatience(WriteContext tx, ConversationStore.Head head, LifecycleSettings s, long cutoff, long now)
            throws SQLException {
        Connection c = tx.connection();
        if (!store.stillWaiting(c, head.id(), cutoff, true)) {
            return false;
        }
        conversations.markPatienceSent(c, head.id(), now);
        String text = s.text("patience");
        if (!text.isEmpty()) {
            conversationService.sayAsSystem(tx, head, text, now);
        }
        conversationService.announce(tx, head, "patience_sent", false, now);
        return true;
    }

    private boolean escalate(WriteContext tx, ConversationStore.Head head, LifecycleSettings s, long cutoff, Instant at,
                             long now) throws SQLException {
        Connection c = tx.connection();
        if (!store.stillWaiting(c, head.id(), cutoff, false)) {
            return false;
        }
        conversations.escalate(c, head.id(), now);
        String text = s.text("escalation");
        if (!text.isEmpty()) {
            conversationService.sayAsSystem(tx, head, text, now);
        }
        conversationService.announce(tx, head, "escalated", true, now);
        Map<String, Object> details = alert(tx, head, s, at);
        audit.record(c, AuditEntry.bySystem(head.tenantId(), "conversation.escalated", "conversation",
                head.publicId(), details), now);
        return true;
    }

    /** Queues one alert per number in this transaction; returns what the audit entry says about it. */
    private Map<String, Object> alert(WriteContext tx, ConversationStore.Head head, LifecycleSettings s, Instant at) {
        ShiftSchedule.Recipients recipients = s.shifts().recipients(at, s.backupNumber());
        String text = s.text("escalation_alert")
                .replace("{user_id}", head.externalId())
                .replace("{channel}", head.channel());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("alert_recipients", recipients.source());
        details.put("alert_numbers", recipients.numbers());
        String note = null;
        if (recipients.numbers().isEmpty()) {
            note = "no shift covers this time and there is no backup number";
        } else if (text.isEmpty()) {
            note = "the escalation_alert text is empty";
        } else {
            for (String number : recipients.numbers()) {
                if (!alerts.queueAlert(tx, head.tenantId(), number, text)) {
                    note = "SMS sending is not configured";
                    break;
                }
            }
        }
        details.put("alert", note == null ? "queued" : "not_sent");
        if (note != null) {
            details.put("alert_note", note);
            LOG.info("No escalation alert for conversation {} of tenant {}: {}", head.publicId(), head.tenantId(), note);
        }
        return details;
    }
}
