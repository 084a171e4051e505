package com.omnichat.server.conversations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Channels;
import com.omnichat.protocol.Timestamps;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.storage.Database;
import com.omnichat.server.storage.WriteContext;
import com.omnichat.server.tenants.BusinessHours;
import com.omnichat.server.tenants.TenantSettings;
import com.omnichat.server.tenants.TenantStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The rules of conversations and messages. Every change is one unit of the single writer: rows, counters, the
 * events with their seq and the audit entry commit together, and sockets hear of it only after the commit.
 */
public final class ConversationService {
    private static final String CONTACT_AUTHOR = "contact";
    /** Staff-only and never stored (PROTOCOL.md §A.10). */
    private static final String FOLLOWUP_NOTICE = "[Follow-up submitted by visitor]";
    private static final String PENDING = "pending";
    /**
     * The SMS/WhatsApp auto-reply travels back to Twilio as the webhook's TwiML answer, not through the outbox: it is
     * handed over with the answer, so it is stored as sent. Its client_id ties it to the inbound MessageSid, so a
     * replayed webhook gets the same TwiML.
     */
    private static final String TWIML_REPLY_PREFIX = "twiml:";

    private final Database db;
    private final TenantStore tenants;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final EventLog events;
    private final Hub hub;
    private final AuditLog audit;
    private final ConversationViews views;
    private final ObjectMapper json;
    private final RandomTokens random;
    private final OutboundQueue outbound;
    private final Clock clock;
    private final ContactMessageListener contactMessages;
    private final ServerMetrics metrics;

    public ConversationService(Database db, TenantStore tenants, ConversationStore conversations, MessageStore messages,
                               EventLog events, Hub hub, AuditLog audit, ConversationViews views, ObjectMapper json,
                               RandomTokens random, OutboundQueue outbound, Clock clock,
                               ContactMessageListener contactMessages, ServerMetrics metrics) {
        this.db = db;
        this.tenants = tenants;
        this.conversations = conversations;
        this.messages = messages;
        this.events = events;
        this.hub = hub;
        this.audit = audit;
        this.views = views;
        this.json = json;
        this.random = random;
        this.outbound = outbound;
        this.clock = clock;
        this.contactMessages = contactMessages;
        this.metrics = metrics;
    }

    private long now() {
        return Timestamps.toMicros(clock.instant());
    }

    // ---------------------------------------------------------------- contact side

    /** A message from the contact: creates or reopens the conversation, adds the greeting on a new open period. */
    public SendResult receiveFromContact(long tenantId, String channel, String externalId, String text, String clientId) {
        long taken = System.nanoTime();
        return db.writer().execute(tx -> receive(tx, tenantId, channel, externalId, text, clientId, taken));
    }

    /** The same, for socket handlers that must not wait: completes after commit, on the publisher thread. */
    public CompletableFuture<SendResult> receiveFromContactAsync(long tenantId, String channel, String externalId,
                                                                String text, String clientId) {
        long taken = System.nanoTime();
        return db.writer().submit(tx -> receive(tx, tenantId, channel, externalId, text, clientId, taken));
    }

    /**
     * The auto-reply an SMS/WhatsApp message (named by its MessageSid) got when it created or reopened its
     * conversation, for the TwiML answer; empty when it got none. The same for a replayed webhook.
     */
    public Optional<String> twimlReplyTo(long tenantId, String channel, String externalId, String messageSid) {
        return db.read(c -> {
            Optional<ConversationStore.Head> head = conversations.headByKey(c, tenantId, channel, externalId);
            if (head.isEmpty()) {
                return Optional.<String>empty();
            }
            return messages.byClientId(c, head.get().id(), "system", TWIML_REPLY_PREFIX + messageSid).map(Message::text);
        });
    }

    private SendResult receive(WriteContext tx, long tenantId, String channel, String externalId, String text,
                               String clientId, long taken) throws SQLException {
        Connection c = tx.connection();
        long now = now();
        Optional<ConversationStore.Head> existing = conversations.headByKey(c, tenantId, channel, externalId);
        boolean created = existing.isEmpty();
        boolean reopened = existing.isPresent() && existing.get().isClosed();
        ConversationStore.Head head;
        if (created) {
            String publicId = "c_" + random.base62(16);
            long id = conversations.insert(c, tenantId, publicId, channel, externalId, now);
            head = new ConversationStore.Head(id, publicId, tenantId, channel, externalId, Conversation.OPEN, null);
        } else {
            head = existing.get();
        }
        long conversationSeq = created || reopened ? tenants.nextSeq(c, tenantId) : 0;
        Optional<Message> inserted = insertMessage(tx, head, "user", null, null, CONTACT_AUTHOR, clientId, text, null, now);
        if (inserted.isEmpty()) {
            return replayOrConflict(messages.byClientId(c, head.id(), CONTACT_AUTHOR, clientId).orElseThrow(), text);
        }
        Message message = inserted.get();
        tx.afterCommit(() -> metrics.messageCommitted(taken));
        if (reopened) {
            conversations.reopenByContact(c, head.id(), now);
        }
        List<EventLog.Draft> drafts = new ArrayList<>();
        drafts.add(messageEvent(head, message));
        Message greeting = null;
        if (created || reopened) {
            TenantSettings settings = tenants.find(c, tenantId).orElseThrow().settings();
            boolean closedHours = !BusinessHours.of(settings).isOpen(clock.instant());
            if (closedHours) {
                // Nobody is there to answer: say so instead of promising someone, and skip the waiting steps.
                conversations.escalate(c, head.id(), now);
            }
            boolean twilio = channel.equals(Channels.SMS) || channel.equals(Channels.WHATSAPP);
            String greetingText = settings.text(closedHours ? "offline" : twilio ? "sms_auto_reply" : "greeting");
            if (!greetingText.isEmpty() && twilio) {
                greeting = insertMessage(tx, head, "system", null, null, "system",
                        clientId == null ? null : TWIML_REPLY_PREFIX + clientId, greetingText, "sent", now).orElseThrow();
                drafts.add(messageEvent(head, greeting));
            } else if (!greetingText.isEmpty()) {
                greeting = insertMessage(tx, head, "system", null, null, "system", null, greetingText,
                        deliveryFor(channel), now).orElseThrow();
                drafts.add(messageEvent(head, greeting));
            }
            Conversation after = conversations.byId(c, tenantId, head.id()).orElseThrow();
            drafts.add(created
                    ? conversationEvent(after, conversationSeq, "conversation.created", null)
                    : conversationEvent(after, conversationSeq, "conversation.updated", "reopened"));
        }
        appendAll(tx, drafts, now);
        tx.afterCommit(() -> hub.toLegacyStaff(tenantId,
                write(ConversationViews.legacyStaffFrame(head, "user", text, "", ts(message)))));
        tx.afterCommit(() -> contactMessages.contactMessage(tenantId, head.id(), channel, externalId, text));
        if (greeting != null) {
            publishLegacySystem(tx, head, greeting);
        }
        return new SendResult(message, false);
    }

    /**
     * A followup's home, inside the caller's transaction: creates the conversation if there is none, stores the
     * thank-you as a system message and closes the conversation when asked. Returns the conversation.
     */
    public ConversationStore.Head thankForFollowup(WriteContext tx, long tenantId, String channel, String externalId,
                                                   String thanks, boolean close) throws SQLException {
        Connection c = tx.connection();
        long now = now();
        Optional<ConversationStore.Head> existing = conversations.headByKey(c, tenantId, channel, externalId);
        List<EventLog.Draft> drafts = new ArrayList<>();
        ConversationStore.Head head;
        if (existing.isPresent()) {
            head = existing.get();
        } else {
            String publicId = "c_" + random.base62(16);
            long id = conversations.insert(c, tenantId, publicId, channel, externalId, now);
            head = new ConversationStore.Head(id, publicId, tenantId, channel, externalId, Conversation.OPEN, null);
            long seq = tenants.nextSeq(c, tenantId);
            drafts.add(conversationEvent(conversations.byId(c, tenantId, id).orElseThrow(), seq,
                    "conversation.created", null));
        }
        if (!thanks.isEmpty()) {
            Message message = insertMessage(tx, head, "system", null, null, "system", null, thanks, deliveryFor(channel),
                    now).orElseThrow();
            drafts.add(messageEvent(head, message));
            publishLegacySystem(tx, head, message);
        }
        if (close && !head.isClosed()) {
            conversations.close(c, head.id(), now);
            long seq = tenants.nextSeq(c, tenantId);
            drafts.add(conversationEvent(conversations.byId(c, tenantId, head.id()).orElseThrow(), seq,
                    "conversation.updated", "closed"));
        }
        appendAll(tx, drafts, now);
        String notice = write(ConversationViews.legacyStaffFrame(head, "system", FOLLOWUP_NOTICE, "",
                Timestamps.formatMicros(now)));
        tx.afterCommit(() -> hub.toLegacyStaff(tenantId, notice));
        return head;
    }

    /**
     * Announces that the contact's fields changed (a followup gave a name, email or phone): staff see them on the
     * conversation without reloading it.
     */
    public void announceContactUpdated(WriteContext tx, long tenantId, long conversationId) throws SQLException {
        Connection c = tx.connection();
        long seq = tenants.nextSeq(c, tenantId);
        appendAll(tx, List.of(conversationEvent(conversations.byId(c, tenantId, conversationId).orElseThrow(), seq,
                "conversation.updated", "contact_updated")), now());
    }

    // ---------------------------------------------------------------- staff side

    /** A staff reply: reopens a closed conversation, ends escalation, assigns an unassigned one to its author. */
    public SendResult replyAsStaff(Principal staff, ConversationRef ref, String text, String clientId) {
        long taken = System.nanoTime();
        return db.writer().execute(tx -> reply(tx, staff, ref, text, clientId, taken));
    }

    /** The same, for socket handlers that must not wait: completes after commit, on the publisher thread. */
    public CompletableFuture<SendResult> replyAsStaffAsync(Principal staff, ConversationRef ref, String text,
                                                          String clientId) {
        long taken = System.nanoTime();
        return db.writer().submit(tx -> reply(tx, staff, ref, text, clientId, taken));
    }

    private SendResult reply(WriteContext tx, Principal staff, ConversationRef ref, String text, String clientId,
                             long taken) throws SQLException {
        Connection c = tx.connection();
        long now = now();
        ConversationStore.Head head = findHead(c, staff.tenantId(), ref)
                .orElseThrow(() -> ApiException.notFound("Conversation not found"));
        Optional<Message> inserted = insertMessage(tx, head, "staff", staff.userId(), staff.name(), staff.authorKey(),
                clientId, text, deliveryFor(head.channel()), now);
        if (inserted.isEmpty()) {
            return replayOrConflict(messages.byClientId(c, head.id(), staff.authorKey(), clientId).orElseThrow(), text);
        }
        Message message = inserted.get();
        tx.afterCommit(() -> metrics.messageCommitted(taken));
        boolean reopened = head.isClosed();
        boolean deEscalated = head.isEscalated();
        boolean assigned = head.assignedUserId() == null;
        if (reopened) {
            conversations.reopenByStaff(c, head.id(), now);
        }
        conversations.endEscalation(c, head.id());
        if (assigned) {
            conversations.assign(c, head.id(), staff.userId(), now);
        }
        List<EventLog.Draft> drafts = new ArrayList<>();
        drafts.add(messageEvent(head, message));
        if (reopened || deEscalated || assigned) {
            long conversationSeq = tenants.nextSeq(c, staff.tenantId());
            Conversation after = conversations.byId(c, staff.tenantId(), head.id()).orElseThrow();
            String reason = reopened ? "reopened" : deEscalated ? "de_escalated" : "assigned";
            drafts.add(conversationEvent(after, conversationSeq, "conversation.updated", reason));
            if (reopened) {
                audit.record(c, userAudit(staff, "conversation.reopened", after, Map.of()), now);
            }
            if (assigned) {
                audit.record(c, userAudit(staff, "conversation.assigned", after,
                        Map.of("assignee_id", Long.toString(staff.userId()))), now);
            }
        }
        appendAll(tx, drafts, now);
        tx.afterCommit(() -> hub.toLegacyStaff(staff.tenantId(),
                write(ConversationViews.legacyStaffFrame(head, "staff", text, "", ts(message)))));
        if (head.channel().equals(Channels.WEBCHAT)) {
            tx.afterCommit(() -> hub.toLegacyVisitor(staff.tenantId(), head.externalId(),
                    write(legacyVisitorFrame("staff", text, ts(message)))));
        }
        return new SendResult(message, false);
    }

    /**
     * Staff start (or continue) an SMS/WhatsApp conversation with a number: creates the conversation when there is
     * none, then stores the message as a reply (reopen, assignment and outbound delivery as for any staff reply).
     */
    public SendResult startOutbound(Principal staff, String channel, String externalId, String text, String clientId) {
        long taken = System.nanoTime();
        return db.writer().execute(tx -> {
            Connection c = tx.connection();
            if (conversations.headByKey(c, staff.tenantId(), channel, externalId).isEmpty()) {
                long now = now();
                long id = conversations.insert(c, staff.tenantId(), "c_" + random.base62(16), channel, externalId, now);
                // Escalation waits for the contact's first message of a period; an outbound start has none yet.
                conversations.endEscalation(c, id);
                long seq = tenants.nextSeq(c, staff.tenantId());
                appendAll(tx, List.of(conversationEvent(conversations.byId(c, staff.tenantId(), id).orElseThrow(), seq,
                        "conversation.created", null)), now);
            }
            return reply(tx, staff, new ConversationRef.ByKey(channel, externalId), text, clientId, taken);
        });
    }

    /** Closes; closing a closed conversation changes nothing. Returns the conversation as it is afterwards. */
    public Conversation close(Principal staff, ConversationRef ref, String ip) {
        return db.writer().execute(tx -> closeIn(tx, staff, ref, ip));
    }

    /** Closes each conversation found; returns, per ref, the conversation or empty when it is not in the tenant. */
    public List<Optional<Conversation>> closeAll(Principal staff, List<ConversationRef> refs, String ip) {
        return db.writer().execute(tx -> {
            List<Optional<Conversation>> result = new ArrayList<>();
            for (ConversationRef ref : refs) {
                if (find(tx.connection(), staff.tenantId(), ref).isEmpty()) {
                    result.add(Optional.empty());
                } else {
                    result.add(Optional.of(closeIn(tx, staff, ref, ip)));
                }
            }
            return result;
        });
    }

    private Conversation closeIn(WriteContext tx, Principal staff, ConversationRef ref, String ip) throws SQLException {
        Connection c = tx.connection();
        long now = now();
        Conversation before = find(c, staff.tenantId(), ref).orElseThrow(() -> ApiException.notFound("Conversation not found"));
        if (before.isClosed()) {
            return before;
        }
        conversations.close(c, before.id(), now);
        long seq = tenants.nextSeq(c, staff.tenantId());
        Conversation after = conversations.byId(c, staff.tenantId(), before.id()).orElseThrow();
        appendAll(tx, List.of(conversationEvent(after, seq, "conversation.updated", "closed")), now);
        audit.record(c, withIp(userAudit(staff, "conversation.closed", after, Map.of()), ip), now);
        return after;
    }

    /** PATCH: status open/closed and/or the assignee. Staff may only take or release a conversation themselves. */
    public Conversation update(Principal staff, String publicId, Optional<String> status, Optional<Optional<Long>> assignee,
                               String ip) {
        return db.writer().execute(tx -> {
            Connection c = tx.connection();
            long now = now();
            ConversationRef ref = new ConversationRef.ByPublicId(publicId);
            Conversation current = find(c, staff.tenantId(), ref).orElseThrow(() -> ApiException.notFound("Conversation not found"));
            if (assignee.isPresent()) {
                checkAssignment(c, staff, current, assignee.get());
            }
            if (status.isPresent() && status.get().equals(Conversation.CLOSED)) {
                current = closeIn(tx, staff, ref, ip);
            } else if (status.isPresent() && current.isClosed()) {
                conversations.reopenByStaff(c, current.id(), now);
                current = emitUpdate(tx, staff, current, "reopened", now);
                audit.record(c, withIp(userAudit(staff, "conversation.reopened", current, Map.of()), ip), now);
            }
            if (assignee.isPresent() && !java.util.Objects.equals(assignee.get().orElse(null), current.assignedUserId())) {
                Long target = assignee.get().orElse(null);
                conversations.assign(c, current.id(), target, now);
                current = emitUpdate(tx, staff, current, target == null ? "unassigned" : "assigned", now);
                audit.record(c, withIp(userAudit(staff, "conversation.assigned", current,
                        Map.of("assignee_id", target == null ? "none" : Long.toString(target))), ip), now);
            }
            return current;
        });
    }

    private void checkAssignment(Connection c, Principal staff, Conversation current, Optional<Long> target)
            throws SQLException {
        if (!staff.isAdmin()) {
            boolean takesItself = target.isPresent() && target.get() == staff.userId();
            boolean releasesItself = target.isEmpty()
                    && (current.assignedUserId() == null || current.assignedUserId() == staff.userId());
            if (!takesItself && !releasesItself) {
                throw ApiException.forbidden();
            }
        }
        if (target.isPresent() && !activeUserInTenant(c, staff.tenantId(), target.get())) {
            throw ApiException.invalid(com.omnichat.server.errors.FieldError.body("assignee_id", "value_error",
                    "must be an active user of your team"));
        }
    }

    private static boolean activeUserInTenant(Connection c, long tenantId, long userId) throws SQLException {
        try (var ps = c.prepareStatement("SELECT 1 FROM users WHERE id = ? AND tenant_id = ? AND active = 1")) {
            ps.setLong(1, userId);
            ps.setLong(2, tenantId);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Conversation emitUpdate(WriteContext tx, Principal staff, Conversation current, String reason, long now)
            throws SQLException {
        long seq = tenants.nextSeq(tx.connection(), staff.tenantId());
        Conversation after = conversations.byId(tx.connection(), staff.tenantId(), current.id()).orElseThrow();
        appendAll(tx, List.of(conversationEvent(after, seq, "conversation.updated", reason)), now);
        return after;
    }

    public void markRead(Principal staff, String publicId, long seq) {
        db.writer().execute(tx -> {
            Conversation conversation = find(tx.connection(), staff.tenantId(), new ConversationRef.ByPublicId(publicId))
                    .orElseThrow(() -> ApiException.notFound("Conversation not found"));
            // A marker past the last message would hide every future message from the unread count (PROTOCOL.md §0).
            long last = messages.highestSeq(tx.connection(), conversation.id());
            if (seq > last) {
                throw ApiException.invalid(FieldError.body("seq", "value_error",
                        "must not be above the conversation's last seq (" + last + ")"));
            }
            conversations.markRead(tx.connection(), staff.userId(), conversation.id(), seq);
            return null;
        });
    }

    // ---------------------------------------------------------------- server-driven steps (lifecycle jobs)

    /**
     * A text the server says to the contact (patience, escalation, auto-close), inside the caller's transaction:
     * stored as a system message, message.created to staff and visitor streams, legacy frames after commit, and on
     * other channels left pending for outbound delivery like any system message.
     */
    public Message sayAsSystem(WriteContext tx, ConversationStore.Head head, String text, long now) throws SQLException {
        Message message = insertMessage(tx, head, "system", null, null, "system", null, text,
                deliveryFor(head.channel()), now).orElseThrow();
        appendAll(tx, List.of(messageEvent(head, message)), now);
        publishLegacySystem(tx, head, message);
        return message;
    }

    /**
     * Announces, inside the caller's transaction, a change the server made on its own: conversation.updated to
     * staff, and to the visitor only when the status moved (PROTOCOL.md §A.13). Returns the conversation as it is now.
     */
    public Conversation announce(WriteContext tx, ConversationStore.Head head, String reason, boolean statusChanged,
                                 long now) throws SQLException {
        Connection c = tx.connection();
        long seq = tenants.nextSeq(c, head.tenantId());
        Conversation after = conversations.byId(c, head.tenantId(), head.id()).orElseThrow();
        EventLog.Draft draft = conversationEvent(after, seq, "conversation.updated", reason);
        if (!statusChanged) {
            draft = new EventLog.Draft(draft.tenantId(), draft.seq(), draft.type(), draft.adminOnly(),
                    draft.conversationId(), null, draft.staffData(), null);
        }
        appendAll(tx, List.of(draft), now);
        return after;
    }

    // ---------------------------------------------------------------- reads

    public Optional<Conversation> find(long tenantId, ConversationRef ref) {
        return db.read(c -> find(c, tenantId, ref));
    }

    private Optional<ConversationStore.Head> findHead(Connection c, long tenantId, ConversationRef ref) throws SQLException {
        if (ref instanceof ConversationRef.ByKey key) {
            return conversations.headByKey(c, tenantId, key.channel(), key.externalId());
        }
        return conversations.headByPublicId(c, tenantId, ((ConversationRef.ByPublicId) ref).publicId());
    }

    Optional<Conversation> find(Connection c, long tenantId, ConversationRef ref) throws SQLException {
        if (ref instanceof ConversationRef.ByKey key) {
            return conversations.byKey(c, tenantId, key.channel(), key.externalId());
        }
        return conversations.byPublicId(c, tenantId, ((ConversationRef.ByPublicId) ref).publicId());
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The stored message, or empty when its author already used this client_id here (nothing is written then). A
     * message with a pending delivery goes into the outbound queue in the same transaction.
     */
    private Optional<Message> insertMessage(WriteContext tx, ConversationStore.Head head, String sender, Long staffId,
                                            String authorName, String authorKey, String clientId, String text,
                                            String delivery, long now) throws SQLException {
        Connection c = tx.connection();
        long seq = tenants.nextSeq(c, head.tenantId());
        java.util.OptionalLong id = messages.insertIfNew(c, new MessageStore.NewMessage(head.tenantId(), head.id(), seq,
                sender, staffId, authorKey, clientId, text, delivery, now));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        conversations.recordMessage(c, head.id(), id.getAsLong(), sender, now);
        tx.afterCommit(() -> metrics.messageStored(head.channel(), sender));
        Message message = new Message(id.getAsLong(), head.tenantId(), head.id(), head.publicId(), seq, sender, staffId,
                authorName, clientId, text, delivery, null, null, delivery == null ? null : now, now);
        if (PENDING.equals(delivery)) {
            outbound.enqueue(tx, head, message);
        }
        return Optional.of(message);
    }

    /** Web chat has no delivery step; other channels start at pending until the outbound adapter takes over. */
    private static String deliveryFor(String channel) {
        return channel.equals(Channels.WEBCHAT) ? null : PENDING;
    }

    private static SendResult replayOrConflict(Message earlier, String text) {
        if (!earlier.text().equals(text)) {
            throw ApiException.conflict("idempotency_conflict",
                    "This client_id was already used for a different message");
        }
        return new SendResult(earlier, true);
    }

    private EventLog.Draft conversationEvent(Conversation c, long seq, String type, String reason) {
        Map<String, Object> staffData = new java.util.LinkedHashMap<>();
        staffData.put("conversation", views.staff(c));
        Map<String, Object> visitorData = null;
        if (c.channel().equals(Channels.WEBCHAT)) {
            visitorData = new java.util.LinkedHashMap<>();
            visitorData.put("conversation", ConversationViews.visitor(c));
        }
        if (reason != null) {
            staffData.put("reason", reason);
            if (visitorData != null) {
                visitorData.put("reason", reason);
            }
        }
        return new EventLog.Draft(c.tenantId(), seq, type, false, c.id(), visitorKey(c.channel(), c.externalId()),
                staffData, visitorData);
    }

    private EventLog.Draft messageEvent(ConversationStore.Head c, Message m) {
        Object visitorData = c.channel().equals(Channels.WEBCHAT) ? ConversationViews.visitor(m) : null;
        return new EventLog.Draft(c.tenantId(), m.seq(), "message.created", false, c.id(),
                visitorKey(c.channel(), c.externalId()), ConversationViews.staff(m), visitorData);
    }

    private static String visitorKey(String channel, String externalId) {
        return channel.equals(Channels.WEBCHAT) ? externalId : null;
    }

    private void appendAll(WriteContext tx, List<EventLog.Draft> drafts, long now) throws SQLException {
        List<EventLog.Draft> ordered = new ArrayList<>(drafts);
        ordered.sort(java.util.Comparator.comparingLong(EventLog.Draft::seq));
        for (EventLog.Draft draft : ordered) {
            events.append(tx, draft, now);
        }
    }

    /** Legacy frames are rendered after the commit, on the publisher thread: the writer only writes. */
    private void publishLegacySystem(WriteContext tx, ConversationStore.Head c, Message system) {
        tx.afterCommit(() -> hub.toLegacyStaff(c.tenantId(),
                write(ConversationViews.legacyStaffFrame(c, "system", system.text(), "", ts(system)))));
        if (c.channel().equals(Channels.WEBCHAT)) {
            tx.afterCommit(() -> hub.toLegacyVisitor(c.tenantId(), c.externalId(),
                    write(legacyVisitorFrame("system", system.text(), ts(system)))));
        }
    }

    private static Map<String, Object> legacyVisitorFrame(String sender, String text, String ts) {
        Map<String, Object> frame = new java.util.LinkedHashMap<>();
        frame.put("sender", sender);
        frame.put("text", text);
        frame.put("ts", ts);
        return frame;
    }

    private static String ts(Message m) {
        return Timestamps.formatMicros(m.createdAt());
    }

    private static AuditEntry userAudit(Principal staff, String type, Conversation c, Map<String, Object> details) {
        return AuditEntry.byUser(staff.tenantId(), type, staff.userId(), staff.name(), "conversation", c.publicId(),
                null, details);
    }

    private static AuditEntry withIp(AuditEntry e, String ip) {
        return new AuditEntry(e.tenantId(), e.type(), e.actorKind(), e.actorId(), e.actorName(), e.targetKind(),
                e.targetId(), ip, e.details());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
