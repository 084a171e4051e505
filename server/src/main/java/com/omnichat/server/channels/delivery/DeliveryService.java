package com.omnichat.server.channels.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Delivery;
import com.omnichat.protocol.Timestamps;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.storage.Database;
import com.omnichat.server.storage.WriteContext;
import com.omnichat.server.tenants.TenantStore;
import com.omnichat.server.text.UnicodeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records what became of outbound parts: the provider's answer to a send, retries with backoff, and statuses the
 * provider reports later. A message's delivery moves forward only; each change is a {@code message.updated} event, and
 * a final failure also reaches legacy staff sockets as the staff-only notice of PROTOCOL.md §A.9.
 */
public final class DeliveryService {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);
    /** Waits before the retries of §D.2; after the last one the part fails. */
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10));

    private final Database db;
    private final OutboxStore store;
    private final TenantStore tenants;
    private final EventLog events;
    private final Hub hub;
    private final ObjectMapper json;
    private final Clock clock;
    private final ServerMetrics metrics;

    public DeliveryService(Database db, OutboxStore store, TenantStore tenants, EventLog events, Hub hub,
                           ObjectMapper json, Clock clock, ServerMetrics metrics) {
        this.db = db;
        this.store = store;
        this.tenants = tenants;
        this.events = events;
        this.hub = hub;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
    }

    private long now() {
        return Timestamps.toMicros(clock.instant());
    }

    public List<OutboxRow> due(int limit) {
        return db.read(c -> store.due(c, now(), limit));
    }

    /** Stores the answer to one send attempt. */
    public void record(OutboxRow row, SendOutcome outcome) {
        db.writer().execute(tx -> {
            Connection c = tx.connection();
            long now = now();
            if (outcome instanceof SendOutcome.HandedOff handedOff) {
                store.handedOff(c, row.id(), handedOff.providerId(), handedOff.status(), now);
                refreshMessage(tx, row, handedOff.providerId(), now);
            } else if (outcome instanceof SendOutcome.Refused refused) {
                store.fail(c, row, refused.code(), refused.message(), now);
                logFailure(row, refused.code());
                tx.afterCommit(() -> metrics.deliveryFailed(row.channel()));
                refreshMessage(tx, row, null, now);
            } else if (outcome instanceof SendOutcome.TryLater later) {
                if (row.attempts() >= BACKOFF.size()) {
                    store.fail(c, row, later.code(), later.message(), now);
                    logFailure(row, later.code());
                    tx.afterCommit(() -> metrics.deliveryFailed(row.channel()));
                    refreshMessage(tx, row, null, now);
                } else {
                    long at = Timestamps.toMicros(clock.instant().plus(BACKOFF.get(row.attempts())));
                    store.retryAt(c, row.id(), at, later.code(), later.message(), now);
                }
            }
            return null;
        });
    }

    /** Parts still waiting for their provider, per channel, for the outbox gauge. */
    public Map<String, Long> pendingByChannel() {
        return db.read(store::pendingByChannel);
    }

    /** When the contact last wrote in the conversation of this message. */
    public Optional<java.time.Instant> lastContactMessageAt(long messageId) {
        return db.read(c -> store.lastContactMessageAt(c, messageId)).map(Timestamps::fromMicros);
    }

    public Optional<OutboxRow> byProviderId(String providerId) {
        return db.read(c -> store.byProviderId(c, providerId));
    }

    /** A status the provider reported for a part it took; ignored when it would move the part backwards. */
    public void report(OutboxRow row, String status, String errorCode, String errorMessage) {
        db.writer().execute(tx -> {
            Connection c = tx.connection();
            String current = store.partStatus(c, row.id());
            String next = DeliveryStatus.advance(current, status);
            if (next == null || next.equals(current)) {
                return null;
            }
            boolean failing = DeliveryStatus.isFinalFailure(next);
            long now = now();
            store.reported(c, row.id(), next, failing ? errorCode : null, failing ? errorMessage : null, now);
            if (failing) {
                tx.afterCommit(() -> metrics.deliveryFailed(row.channel()));
            }
            refreshMessage(tx, row, null, now);
            return null;
        });
    }

    private void logFailure(OutboxRow row, String code) {
        LOG.warn("Delivery of outbox part {} (tenant {}, {}) failed: {}", row.id(), row.tenantId(), row.channel(), code);
    }

    /** Moves the message's delivery to what its parts now say, if that is forward, and tells staff. */
    private void refreshMessage(WriteContext tx, OutboxRow row, String providerId, long now) throws SQLException {
        if (row.isAlert()) {
            return;
        }
        Connection c = tx.connection();
        OutboxStore.MessageDelivery message = store.messageDelivery(c, row.messageId()).orElse(null);
        if (message == null) {
            return;
        }
        String combined = DeliveryStatus.combine(store.partStatuses(c, row.messageId()));
        String next = DeliveryStatus.advance(message.status(), combined);
        if (next == null || next.equals(message.status())) {
            if (providerId != null) {
                store.keepFirstProviderId(c, row.messageId(), providerId);
            }
            return;
        }
        OutboxStore.FirstError error = DeliveryStatus.isFinalFailure(next)
                ? store.firstError(c, row.messageId()) : new OutboxStore.FirstError(null, null);
        store.updateMessage(c, row.messageId(), next, providerId, error.code(), error.message(), now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", "m_" + row.messageId());
        data.put("conversation_id", message.conversationPublicId());
        data.put("delivery", new Delivery(next, error.code(), error.message(), Timestamps.formatMicros(now)));
        long seq = tenants.nextSeq(c, message.tenantId());
        events.append(tx, new EventLog.Draft(message.tenantId(), seq, "message.updated", false,
                message.conversationId(), null, data, null), now);
        if (DeliveryStatus.isFinalFailure(next)) {
            String notice = write(failureNotice(message, error, now));
            tx.afterCommit(() -> hub.toLegacyStaff(message.tenantId(), notice));
        }
    }

    /** The staff-only notice: the legacy broadcast frame's six keys, never stored, never sent to the contact. */
    private static Map<String, Object> failureNotice(OutboxStore.MessageDelivery message, OutboxStore.FirstError error,
                                                     long now) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("user_id", message.externalId());
        frame.put("channel", message.channel());
        frame.put("sender", "system");
        frame.put("text", "[Delivery failed: " + shortReason(error) + "]");
        frame.put("type", "");
        frame.put("ts", Timestamps.formatMicros(now));
        return frame;
    }

    static String shortReason(OutboxStore.FirstError error) {
        String message = error.message() == null ? "" : error.message().strip();
        if (UnicodeText.length(message) > 160) {
            message = UnicodeText.clip(message, 157) + "...";
        }
        if (message.isEmpty()) {
            return error.code() == null ? "unknown error" : error.code();
        }
        return error.code() == null ? message : message + " (" + error.code() + ")";
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
