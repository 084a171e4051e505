package com.omnichat.server.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.conversations.MessageStore;
import com.omnichat.server.users.Emails;
import com.omnichat.server.users.User;
import com.omnichat.server.users.UserStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** One import of an old database into one tenant, inside the writer's transaction. */
final class ImportRun {
    /** The tenant's next event number; a dry run counts on its own so the shared counter does not move. */
    @FunctionalInterface
    interface SeqSource {
        long next() throws SQLException;
    }

    /** The import's own tools, shared by every run. */
    record Tools(ConversationStore conversations, MessageStore messages, UserStore users, AuditLog audit,
                 ImportLedger ledger, ImportedRecords records, RandomTokens random, ObjectMapper json) {
    }

    private static final String WEBCHAT = "webchat";
    private static final String UNPARSEABLE = "unparseable timestamp";
    private static final String ALREADY = "already imported";

    private final Tools tools;
    private final LegacyDatabase old;
    private final Connection c;
    private final long tenantId;
    private final SeqSource seqs;
    private final long now;
    private final ImportReport report;
    /** Old users.id → new users.id, for assignees and message authors. */
    private final Map<Long, Long> userIds = new HashMap<>();
    /** "channel user_id" → new conversation id, for messages and followups. */
    private final Map<String, Long> conversationIds = new HashMap<>();
    private final RowKeys rowKeys = new RowKeys();

    ImportRun(Tools tools, LegacyDatabase old, Connection c, long tenantId, SeqSource seqs, long now,
              ImportReport report) {
        this.tools = tools;
        this.old = old;
        this.c = c;
        this.tenantId = tenantId;
        this.seqs = seqs;
        this.now = now;
        this.report = report;
    }

    void run() throws SQLException {
        reportSchema();
        users(rows(LegacyTable.USERS));
        conversations(rows(LegacyTable.CONVERSATIONS), rows(LegacyTable.MESSAGES));
        followups(rows(LegacyTable.FOLLOWUPS), "followups");
        followups(rows(LegacyTable.HISTORY), "history");
        events(rows(LegacyTable.EVENTS));
    }

    private void reportSchema() {
        for (String table : old.tables()) {
            if (table.equals("tenants")) {
                report.notMapped("table tenants (" + old.rows(table, List.of()).size()
                        + " rows): everything is imported into tenant " + tenantId);
            } else if (LegacyTable.IGNORED.contains(table)) {
                report.notMapped("table " + table + ": derived reporting data, not imported");
            } else if (LegacyTable.MAPPED.stream().noneMatch(t -> t.name().equals(table))) {
                report.notMapped("table " + table + ": unknown, not imported");
            }
        }
        for (LegacyTable table : LegacyTable.MAPPED) {
            if (!old.has(table.name())) {
                report.notMapped("table " + table.name() + ": absent");
                continue;
            }
            Set<String> columns = old.columns(table.name());
            for (String column : columns) {
                if (!table.read().contains(column)) {
                    report.notMapped("column " + table.name() + "." + column + ": not mapped");
                }
            }
            for (String column : table.required()) {
                if (!columns.contains(column)) {
                    report.notMapped("column " + table.name() + "." + column + ": absent, so no row of "
                            + table.name() + " can be imported");
                }
            }
            for (String column : table.reported()) {
                if (!columns.contains(column)) {
                    report.notMapped("column " + table.name() + "." + column + ": absent, default used");
                }
            }
        }
    }

    private List<LegacyRow> rows(LegacyTable table) {
        if (!old.has(table.name()) || !old.columns(table.name()).containsAll(table.required())) {
            return List.of();
        }
        return old.rows(table.name(), table.read());
    }

    // ---------------------------------------------------------------- users

    private void users(List<LegacyRow> rows) throws SQLException {
        for (LegacyRow row : rows) {
            Long legacyId = legacyId(row);
            String email = Emails.normalise(String.valueOf(row.text("email")));
            Optional<Optional<Long>> done = tools.ledger().find(c, tenantId, "user", email);
            if (done.isPresent()) {
                done.get().ifPresent(id -> userIds.put(legacyId, id));
                report.skipped("users", ALREADY);
                continue;
            }
            String hash = row.text("password_hash");
            if (row.text("email") == null || !Emails.plausible(email)) {
                report.skipped("users", "no valid email");
            } else if (hash == null || !hash.startsWith("$2")) {
                report.skipped("users", "password hash is not bcrypt");
            } else if (!timesParse(row, "created_at")) {
                report.skipped("users", UNPARSEABLE);
            } else {
                Optional<User> existing = tools.users().byEmail(c, email);
                if (existing.isPresent()) {
                    if (existing.get().tenantId() == tenantId) {
                        userIds.put(legacyId, existing.get().id());
                    }
                    report.skipped("users", "email already exists: " + email);
                    continue;
                }
                String name = row.text("name") == null || row.text("name").isBlank()
                        ? email.substring(0, email.indexOf('@')) : row.text("name");
                String role = "admin".equalsIgnoreCase(row.text("role")) ? "admin" : "staff";
                long id = tools.users().insert(c, tenantId, email, name, hash, role,
                        time(row, "created_at").orElse(now));
                tools.ledger().record(c, tenantId, "user", email, id, now);
                userIds.put(legacyId, id);
                report.imported("users");
            }
        }
    }

    // ---------------------------------------------------------------- conversations and messages

    private record LegacyMessage(LegacyRow row, String ledgerKey, String key, String sender, long ts) {
    }

    private void conversations(List<LegacyRow> conversationRows, List<LegacyRow> messageRows) throws SQLException {
        Map<String, List<LegacyRow>> rowsByKey = new TreeMap<>();
        for (LegacyRow row : conversationRows) {
            if (!timesParse(row, "updated_at", "created_at", "first_user_message_at", "first_staff_reply_at",
                    "closed_at")) {
                report.skipped("conversations", UNPARSEABLE);
                continue;
            }
            rowsByKey.computeIfAbsent(conversationKey(row), k -> new ArrayList<>()).add(row);
        }
        Map<String, List<LegacyMessage>> messagesByKey = new TreeMap<>();
        for (LegacyRow row : messageRows) {
            String ledgerKey = rowKeys.of("message", row);
            String sender = row.text("sender") == null ? "user" : row.text("sender").toLowerCase();
            Optional<Long> ts = LegacyTimestamps.parse(row.text("ts"));
            if (ts.isEmpty()) {
                report.skipped("messages", UNPARSEABLE);
            } else if (!List.of("user", "staff", "system").contains(sender)) {
                report.skipped("messages", "unknown sender " + sender);
            } else {
                String key = conversationKey(row);
                messagesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new LegacyMessage(row, ledgerKey, key, sender,
                        ts.get()));
            }
        }
        Set<String> keys = new LinkedHashSet<>(rowsByKey.keySet());
        keys.addAll(messagesByKey.keySet());
        List<LegacyMessage> toInsert = new ArrayList<>();
        for (String key : keys) {
            List<LegacyRow> rows = rowsByKey.getOrDefault(key, List.of());
            List<LegacyMessage> messages = new ArrayList<>(messagesByKey.getOrDefault(key, List.of()));
            messages.sort(Comparator.comparingLong(LegacyMessage::ts).thenComparingLong(m -> m.row().rowid()));
            if (conversation(key, rows, messages)) {
                toInsert.addAll(messages);
            } else {
                messages.forEach(m -> report.skipped("messages", "conversation already in the tenant, not imported"));
            }
        }
        // Seq numbers follow time across the whole tenant, as they would have had the messages arrived live.
        toInsert.sort(Comparator.comparingLong(LegacyMessage::ts).thenComparingLong(m -> m.row().rowid()));
        Set<Long> touched = new LinkedHashSet<>();
        for (LegacyMessage m : toInsert) {
            if (tools.ledger().contains(c, tenantId, "message", m.ledgerKey())) {
                report.skipped("messages", ALREADY);
                continue;
            }
            long conversationId = conversationIds.get(m.key());
            Long staffId = "staff".equals(m.sender()) ? userIds.get(m.row().number("staff_id")) : null;
            String authorKey = switch (m.sender()) {
                case "user" -> "contact";
                case "staff" -> staffId == null ? "staff:legacy" : "staff:" + staffId;
                default -> "system";
            };
            long id = tools.messages().insertIfNew(c, new MessageStore.NewMessage(tenantId, conversationId,
                    seqs.next(), m.sender(), staffId, authorKey, null, m.row().text("text"), null, m.ts())).orElseThrow();
            tools.ledger().record(c, tenantId, "message", m.ledgerKey(), id, now);
            touched.add(conversationId);
            report.imported("messages");
        }
        for (long id : touched) {
            tools.records().refresh(c, id);
        }
    }

    /** Creates the conversation of one key unless it exists; false when the tenant already had it from elsewhere. */
    private boolean conversation(String key, List<LegacyRow> rows, List<LegacyMessage> messages) throws SQLException {
        String channel = key.substring(0, key.indexOf(' '));
        String externalId = key.substring(key.indexOf(' ') + 1);
        Optional<Optional<Long>> done = tools.ledger().find(c, tenantId, "conversation", key);
        if (done.isPresent()) {
            conversationIds.put(key, done.get().orElseThrow());
            rows.forEach(row -> report.skipped("conversations", ALREADY));
            return true;
        }
        if (tools.conversations().headByKey(c, tenantId, channel, externalId).isPresent()) {
            rows.forEach(row -> report.skipped("conversations", "conversation already in the tenant, not imported"));
            return false;
        }
        // Of duplicate rows for one key, the most recently updated one holds the current state.
        LegacyRow state = rows.stream()
                .max(Comparator.comparingLong((LegacyRow r) -> time(r, "updated_at").orElse(Long.MIN_VALUE))
                        .thenComparingLong(LegacyRow::rowid))
                .orElse(null);
        Long firstMessage = messages.isEmpty() ? null : messages.get(0).ts();
        Long lastMessage = messages.isEmpty() ? null : messages.get(messages.size() - 1).ts();
        String status = status(state);
        Long closedAt = null;
        if (status.equals("closed")) {
            closedAt = max(rows, "closed_at").orElse(lastMessage != null ? lastMessage
                    : max(rows, "updated_at").orElse(now));
        }
        long updatedAt = maxOf(max(rows, "updated_at").orElse(null), lastMessage, closedAt, null);
        long createdAt = minOf(min(rows, "created_at").orElse(null), firstMessage, updatedAt);
        boolean open = !status.equals("closed");
        long id = tools.records().insertConversation(c, new ImportedRecords.NewConversation(tenantId,
                "c_" + tools.random().base62(16), channel, externalId, status, open ? assignee(rows, state) : null,
                open && state != null && state.flag("patience_sent"),
                open && (state == null || !state.values().containsKey("escalation_active") || state.flag("escalation_active")),
                status.equals("escalated") ? updatedAt : null,
                min(rows, "first_user_message_at").orElse(null), min(rows, "first_staff_reply_at").orElse(null),
                createdAt, updatedAt, closedAt));
        tools.ledger().record(c, tenantId, "conversation", key, id, now);
        conversationIds.put(key, id);
        if (rows.isEmpty()) {
            report.imported("conversations (from messages only)");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (i == 0) {
                report.imported("conversations");
            } else {
                report.skipped("conversations", "duplicate row merged into the same conversation");
            }
        }
        return true;
    }

    /** Without a row the old system had dropped the conversation: its messages are kept as a closed conversation. */
    private static String status(LegacyRow state) {
        if (state == null || (state.values().containsKey("open") && !state.flag("open"))) {
            return "closed";
        }
        return state.flag("final_sent") ? "escalated" : "open";
    }

    private Long assignee(List<LegacyRow> rows, LegacyRow state) throws SQLException {
        Long byId = userIds.get(state == null ? null : state.number("assigned_staff_id"));
        if (byId != null || state == null || state.text("assigned_staff") == null) {
            return byId;
        }
        String name = state.text("assigned_staff");
        List<User> named = tools.users().inTenant(c, tenantId).stream()
                .filter(u -> u.name().equalsIgnoreCase(name) || u.email().equalsIgnoreCase(name)).toList();
        if (named.size() != 1) {
            report.notMapped("conversations.assigned_staff '" + name + "' of " + conversationKey(rows.get(0))
                    + ": no single matching user, left unassigned");
            return null;
        }
        return named.get(0).id();
    }

    // ---------------------------------------------------------------- followups, history, events

    private void followups(List<LegacyRow> rows, String table) throws SQLException {
        boolean archived = table.equals("history");
        for (LegacyRow row : rows) {
            String ledgerKey = rowKeys.of(table, row);
            if (tools.ledger().contains(c, tenantId, table, ledgerKey)) {
                report.skipped(table, ALREADY);
                continue;
            }
            Optional<Long> ts = LegacyTimestamps.parse(row.text("ts"));
            if (ts.isEmpty() || !timesParse(row, "migrated_at")) {
                report.skipped(table, UNPARSEABLE);
                continue;
            }
            ContactText contact = row.values().containsKey("contact") && !row.values().containsKey("email")
                    ? ContactText.parse(row.text("contact"))
                    : new ContactText(row.text("email"), row.text("phone"), true);
            if (!contact.recognised()) {
                report.notMapped(table + " row " + row.rowid() + ": contact '" + row.text("contact")
                        + "' is not 'Email: x, Phone: y', kept as " + (contact.email() != null ? "email" : "phone"));
            }
            String channel = channel(row);
            String key = channel + " " + row.text("user_id");
            Long conversationId = conversationIds.get(key);
            if (conversationId == null) {
                conversationId = tools.conversations().headByKey(c, tenantId, channel, row.text("user_id"))
                        .map(ConversationStore.Head::id).orElse(null);
            }
            var followup = new ImportedRecords.NewFollowup(tenantId, conversationId, channel, row.text("user_id"),
                    row.text("name"), contact.email(), contact.phone(), row.text("message"), row.flag("viewed"),
                    ts.get(), time(row, "migrated_at").orElse(ts.get()));
            long id = archived ? tools.records().insertHistory(c, followup) : tools.records().insertFollowup(c, followup);
            tools.ledger().record(c, tenantId, table, ledgerKey, id, now);
            report.imported(table);
        }
    }

    private void events(List<LegacyRow> rows) throws SQLException {
        for (LegacyRow row : rows) {
            String ledgerKey = rowKeys.of("event", row);
            if (tools.ledger().contains(c, tenantId, "event", ledgerKey)) {
                report.skipped("events", ALREADY);
                continue;
            }
            Optional<Long> ts = LegacyTimestamps.parse(row.text("ts"));
            if (ts.isEmpty()) {
                report.skipped("events", UNPARSEABLE);
                continue;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("legacy_id", legacyId(row));
            details.put("user_id", row.text("user_id"));
            details.put("payload", payload(row.text("payload")));
            String userId = row.text("user_id");
            tools.audit().record(c, new AuditEntry(tenantId, "legacy." + row.text("type"), "system", null,
                    "Legacy import", userId == null ? null : "contact", userId, null, details), ts.get());
            tools.ledger().record(c, tenantId, "event", ledgerKey, null, now);
            report.imported("events");
        }
    }

    /** Old payloads were JSON text; kept as JSON when they parse, as the text otherwise. */
    private Object payload(String text) {
        if (text == null) {
            return null;
        }
        try {
            return tools.json().readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Long legacyId(LegacyRow row) {
        Long id = row.number("id");
        return id == null ? row.rowid() : id;
    }

    private static String channel(LegacyRow row) {
        String channel = row.text("channel");
        return channel == null || channel.isBlank() ? WEBCHAT : channel;
    }

    private static String conversationKey(LegacyRow row) {
        return channel(row) + " " + row.text("user_id");
    }

    /** An optional time column: fine when null or absent, not when it holds text the old system never wrote. */
    private static boolean timesParse(LegacyRow row, String... columns) {
        for (String column : columns) {
            String text = row.text(column);
            if (text != null && !text.isBlank() && LegacyTimestamps.parse(text).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Long> time(LegacyRow row, String column) {
        return LegacyTimestamps.parse(row.text(column));
    }

    private static Optional<Long> max(List<LegacyRow> rows, String column) {
        return rows.stream().map(r -> time(r, column)).flatMap(Optional::stream).max(Long::compare);
    }

    private static Optional<Long> min(List<LegacyRow> rows, String column) {
        return rows.stream().map(r -> time(r, column)).flatMap(Optional::stream).min(Long::compare);
    }

    private long maxOf(Long... values) {
        return java.util.Arrays.stream(values).filter(java.util.Objects::nonNull).max(Long::compare).orElse(now);
    }

    private long minOf(Long... values) {
        return java.util.Arrays.stream(values).filter(java.util.Objects::nonNull).min(Long::compare).orElse(now);
    }
}
