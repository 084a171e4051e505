package com.omnichat.server.lifecycle;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.analytics.AnalyticsRecorder;
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

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * PROTOCOL.md §D.5: closes open and escalated conversations in which neither side has written for
 * {@code auto_close_minutes}, after saying {@code texts.auto_close} when there is one. System messages do not count
 * as activity; the start of the open period does (decision 0016).
 */
public final class AutoCloseJob {
    private static final Logger LOG = LoggerFactory.getLogger(AutoCloseJob.class);
    private static final int BATCH = 500;
    private static final long MICROS_PER_MINUTE = 60_000_000L;

    private final Database db;
    private final TenantStore tenants;
    private final SettingsResolver settingsResolver;
    private final LifecycleStore store;
    private final ConversationStore conversations;
    private final ConversationService conversationService;
    private final AuditLog audit;
    private final Clock clock;

    public AutoCloseJob(Database db, TenantStore tenants, SettingsResolver settingsResolver,
                        ConversationStore conversations,
                        ConversationService conversationService, AuditLog audit, Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.settingsResolver = settingsResolver;
        this.store = new LifecycleStore();
        this.conversations = conversations;
        this.conversationService = conversationService;
        this.audit = audit;
        this.clock = clock;
    }

    /** One pass over every tenant; returns how many conversations it closed. */
    public int run() {
        long now = Timestamps.toMicros(clock.instant());
        Map<Long, LifecycleSettings> settings = new HashMap<>();
        Map<Long, Long> quietBefore = new HashMap<>();
        List<ConversationStore.Head> idle = db.read(c -> {
            List<LifecycleStore.QuietCutoff> cutoffs = new ArrayList<>();
            for (Tenant tenant : tenants.all(c)) {
                LifecycleSettings s = LifecycleSettings.of(settingsResolver.resolve(tenant));
                if (tenant.disabled() || s.autoCloseMinutes() == 0) {
                    continue;
                }
                long cutoff = now - s.autoCloseMinutes() * MICROS_PER_MINUTE;
                settings.put(tenant.id(), s);
                quietBefore.put(tenant.id(), cutoff);
                cutoffs.add(new LifecycleStore.QuietCutoff(tenant.id(), cutoff));
            }
            return cutoffs.isEmpty() ? List.of() : store.quiet(c, cutoffs, BATCH);
        });
        List<CompletableFuture<Boolean>> closes = new ArrayList<>();
        for (ConversationStore.Head head : idle) {
            LifecycleSettings s = settings.get(head.tenantId());
            long cutoff = quietBefore.get(head.tenantId());
            closes.add(db.writer().submit(tx -> close(tx, head, s, cutoff, now)));
        }
        return LifecycleJobs.countTaken(closes, "auto-close", LOG);
    }

    private boolean close(WriteContext tx, ConversationStore.Head head, LifecycleSettings s, long cutoff, long now)
            throws SQLException {
        if (!store.stillQuiet(tx.connection(), head.id(), cutoff)) {
            return false;
        }
        String text = s.text("auto_close");
        if (!text.isEmpty()) {
            conversationService.sayAsSystem(tx, head, text, now);
        }
        conversations.close(tx.connection(), head.id(), now, AnalyticsRecorder.CloseReason.AUTO);
        conversationService.announce(tx, head, "auto_closed", true, now);
        audit.record(tx.connection(), AuditEntry.bySystem(head.tenantId(), "conversation.auto_closed", "conversation",
                head.publicId(), Map.of("idle_minutes", s.autoCloseMinutes())), now);
        return true;
    }
}
