package com.omnichat.server.importer;

import com.omnichat.server.conversations.MessageStore;
import com.omnichat.server.users.User;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Old conversation rows and messages into conversations: duplicate rows merge, messages without a row get a
 * conversation, and messages take the tenant's seq numbers in time order.
 */
final class ConversationImport {
    private final ImportScope scope;
    private final ImportRun.Tools tools;
    private final Connection c;
    private final long tenantId;
    private final ImportReport report;
    private final ImportRun.SeqSource seqs;

    ConversationImport(ImportScope scope, ImportRun.SeqSource seqs) {
        this.scope = scope;
        this.tools = scope.tools();
        this.c = scope.c();
        this.tenantId = scope.tenantId();
        this.report = scope.report();
        this.seqs = seqs;
    }

    private record LegacyMessage(LegacyRow row, String ledgerKey, String key, String sender, long ts) {
    }

    void run(List<LegacyRow> conversationRows, List<LegacyRow> messageRows) throws SQLException {
        Map<String, List<LegacyRow>> rowsByKey = new TreeMap<>();
        for (LegacyRow row : conversationRows) {
            if (!row.hasUserId()) {
                report.skipped("conversations", ImportScope.NO_USER_ID);
                continue;
            }
            if (!row.timesParse("updated_at", "created_at", "first_user_message_at", "first_staff_reply_at",
                    "closed_at")) {
                report.skipped("conversations", ImportScope.UNPARSEABLE);
                continue;
            }
            rowsByKey.computeIfAbsent(row.conversationKey(), k -> new ArrayList<>()).add(row);
        }
        Map<String, List<LegacyMessage>> messagesByKey = new TreeMap<>();
        for (LegacyRow row : messageRows) {
            String ledgerKey = scope.rowKeys().of("message", row);
            String sender = row.text("sender") == null ? "user" : row.text("sender").toLowerCase();
            Optional<Long> ts = LegacyTimestamps.parse(row.text("ts"));
            if (!row.hasUserId()) {
                report.skipped("messages", ImportScope.NO_USER_ID);
            } else if (row.text("text") == null) {
                report.skipped("messages", "no text");
            } else if (ts.isEmpty()) {
                report.skipped("messages", ImportScope.UNPARSEABLE);
            } else if (!List.of("user", "staff", "system").contains(sender)) {
                report.skipped("messages", "unknown sender " + sender);
            } else {
                String key = row.conversationKey();
                messagesByKey.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new LegacyMessage(row, ledgerKey, key, sender, ts.get()));
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
                report.skipped("messages", ImportScope.ALREADY);
                continue;
            }
            long conversationId = scope.conversationIds().get(m.key());
            Long staffId = "staff".equals(m.sender()) ? scope.userIds().get(m.row().number("staff_id")) : null;
            String authorKey = switch (m.sender()) {
                case "user" -> "contact";
                case "staff" -> staffId == null ? "staff:legacy" : "staff:" + staffId;
                default -> "system";
            };
            var message = new MessageStore.NewMessage(tenantId, conversationId, seqs.next(), m.sender(), staffId,
                    authorKey, null, m.row().text("text"), null, m.ts());
            long id = tools.messages().insertIfNew(c, message).orElseThrow();
            tools.ledger().record(c, tenantId, "message", m.ledgerKey(), id, scope.now());
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
            scope.conversationIds().put(key, done.get().orElseThrow());
            rows.forEach(row -> report.skipped("conversations", ImportScope.ALREADY));
            return true;
        }
        if (tools.conversations().headByKey(c, tenantId, channel, externalId).isPresent()) {
            rows.forEach(row -> report.skipped("conversations", "conversation already in the tenant, not imported"));
            return false;
        }
        // Of duplicate rows for one key, the most recently updated one holds the current state.
        LegacyRow state = rows.stream()
                .max(Comparator.comparingLong((LegacyRow r) -> r.time("updated_at").orElse(Long.MIN_VALUE))
                        .thenComparingLong(LegacyRow::rowid))
                .orElse(null);
        Long firstMessage = messages.isEmpty() ? null : messages.get(0).ts();
        Long lastMessage = messages.isEmpty() ? null : messages.get(messages.size() - 1).ts();
        String status = status(state);
        Long closedAt = null;
        if (status.equals("closed")) {
            closedAt = max(rows, "closed_at").orElse(lastMessage != null ? lastMessage
                    : max(rows, "updated_at").orElse(scope.now()));
        }
        long updatedAt = latest(max(rows, "updated_at").orElse(null), lastMessage, closedAt, null);
        long createdAt = earliest(min(rows, "created_at").orElse(null), firstMessage, updatedAt);
        boolean open = !status.equals("closed");
        long id = tools.records().insertConversation(c, new ImportedRecords.NewConversation(tenantId,
                "c_" + tools.random().base62(16), channel, externalId, status, open ? assignee(rows, state) : null,
                open && state != null && state.flag("patience_sent"),
                open && (state == null || !state.has("escalation_active") || state.flag("escalation_active")),
                status.equals("escalated") ? updatedAt : null,
                min(rows, "first_user_message_at").orElse(null), min(rows, "first_staff_reply_at").orElse(null),
                createdAt, updatedAt, closedAt));
        tools.ledger().record(c, tenantId, "conversation", key, id, scope.now());
        scope.conversationIds().put(key, id);
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
        if (state == null || (state.has("open") && !state.flag("open"))) {
            return "closed";
        }
        return state.flag("final_sent") ? "escalated" : "open";
    }

    private Long assignee(List<LegacyRow> rows, LegacyRow state) throws SQLException {
        Long byId = scope.userIds().get(state == null ? null : state.number("assigned_staff_id"));
        if (byId != null || state == null || state.text("assigned_staff") == null) {
            return byId;
        }
        String name = state.text("assigned_staff");
        List<User> named = tools.users().inTenant(c, tenantId).stream()
                .filter(u -> u.name().equalsIgnoreCase(name) || u.email().equalsIgnoreCase(name)).toList();
        if (named.size() != 1) {
            report.notMapped("conversations.assigned_staff '" + name + "' of " + rows.get(0).conversationKey()
                    + ": no single matching user, left unassigned");
            return null;
        }
        return named.get(0).id();
    }

    private static Optional<Long> max(List<LegacyRow> rows, String column) {
        return rows.stream().map(r -> r.time(column)).flatMap(Optional::stream).max(Long::compare);
    }

    private static Optional<Long> min(List<LegacyRow> rows, String column) {
        return rows.stream().map(r -> r.time(column)).flatMap(Optional::stream).min(Long::compare);
    }

    /** The latest of the known times; the import's own time when none is known. */
    private long latest(Long... values) {
        return Arrays.stream(values).filter(Objects::nonNull).max(Long::compare).orElse(scope.now());
    }

    private long earliest(Long... values) {
        return Arrays.stream(values).filter(Objects::nonNull).min(Long::compare).orElse(scope.now());
    }
}
