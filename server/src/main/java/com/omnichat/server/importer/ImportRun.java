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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    private final ImportScope scope;
    private final Tools tools;
    private final LegacyDatabase old;
    private final Connection c;
    private final long tenantId;
    private final long now;
    private final ImportReport report;
    private final SeqSource seqs;

    ImportRun(ImportScope scope, LegacyDatabase old, SeqSource seqs) {
        this.scope = scope;
        this.tools = scope.tools();
        this.old = old;
        this.c = scope.c();
        this.tenantId = scope.tenantId();
        this.now = scope.now();
        this.report = scope.report();
        this.seqs = seqs;
    }

    void run() throws SQLException {
        reportSchema();
        users(rows(LegacyTable.USERS));
        new ConversationImport(scope, seqs).run(rows(LegacyTable.CONVERSATIONS), rows(LegacyTable.MESSAGES));
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
            long legacyId = row.legacyId();
            String email = Emails.normalise(String.valueOf(row.text("email")));
            Optional<Optional<Long>> done = tools.ledger().find(c, tenantId, "user", email);
            if (done.isPresent()) {
                done.get().ifPresent(id -> scope.userIds().put(legacyId, id));
                report.skipped("users", ImportScope.ALREADY);
                continue;
            }
            String hash = row.text("password_hash");
            if (row.text("email") == null || !Emails.plausible(email)) {
                report.skipped("users", "no valid email");
            } else if (hash == null || !hash.startsWith("$2")) {
                report.skipped("users", "password hash is not bcrypt");
            } else if (!row.timesParse("created_at")) {
                report.skipped("users", ImportScope.UNPARSEABLE);
            } else {
                Optional<User> existing = tools.users().byEmail(c, email);
                if (existing.isPresent()) {
                    if (existing.get().tenantId() == tenantId) {
                        scope.userIds().put(legacyId, existing.get().id());
                    }
                    report.skipped("users", "email already exists: " + email);
                    continue;
                }
                String name = row.text("name") == null || row.text("name").isBlank()
                        ? email.substring(0, email.indexOf('@')) : row.text("name");
                String role = "admin".equalsIgnoreCase(row.text("role")) ? "admin" : "staff";
                long id = tools.users().insert(c, tenantId, email, name, hash, role,
                        row.time("created_at").orElse(now));
                tools.ledger().record(c, tenantId, "user", email, id, now);
                scope.userIds().put(legacyId, id);
                report.imported("users");
            }
        }
    }

    // ---------------------------------------------------------------- followups, history, events

    private void followups(List<LegacyRow> rows, String table) throws SQLException {
        boolean archived = table.equals("history");
        for (LegacyRow row : rows) {
            String ledgerKey = scope.rowKeys().of(table, row);
            if (tools.ledger().contains(c, tenantId, table, ledgerKey)) {
                report.skipped(table, ImportScope.ALREADY);
                continue;
            }
            if (!row.hasUserId()) {
                report.skipped(table, ImportScope.NO_USER_ID);
                continue;
            }
            Optional<Long> ts = LegacyTimestamps.parse(row.text("ts"));
            if (ts.isEmpty() || !row.timesParse("migrated_at")) {
                report.skipped(table, ImportScope.UNPARSEABLE);
                continue;
            }
            ContactText contact = row.has("contact") && !row.has("email")
                    ? ContactText.parse(row.text("contact"))
                    : new ContactText(row.text("email"), row.text("phone"), true);
            if (!contact.recognised()) {
                report.notMapped(table + " row " + row.rowid() + ": contact '" + row.text("contact")
                        + "' is not 'Email: x, Phone: y', kept as " + (contact.email() != null ? "email" : "phone"));
            }
            String channel = row.channel();
            String key = channel + " " + row.text("user_id");
            Long conversationId = scope.conversationIds().get(key);
            if (conversationId == null) {
                conversationId = tools.conversations().headByKey(c, tenantId, channel, row.text("user_id"))
                        .map(ConversationStore.Head::id).orElse(null);
            }
            var followup = new ImportedRecords.NewFollowup(tenantId, conversationId, channel, row.text("user_id"),
                    row.text("name"), contact.email(), contact.phone(), row.text("message"), row.flag("viewed"),
                    ts.get(), row.time("migrated_at").orElse(ts.get()));
            long id = archived ? tools.records().insertHistory(c, followup)
                    : tools.records().insertFollowup(c, followup);
            tools.ledger().record(c, tenantId, table, ledgerKey, id, now);
            report.imported(table);
        }
    }

    private void events(List<LegacyRow> rows) throws SQLException {
        for (LegacyRow row : rows) {
            String ledgerKey = scope.rowKeys().of("event", row);
            if (tools.ledger().contains(c, tenantId, "event", ledgerKey)) {
                report.skipped("events", ImportScope.ALREADY);
                continue;
            }
            if (row.text("type") == null || row.text("type").isBlank()) {
                report.skipped("events", "no type");
                continue;
            }
            Optional<Long> ts = LegacyTimestamps.parse(row.text("ts"));
            if (ts.isEmpty()) {
                report.skipped("events", ImportScope.UNPARSEABLE);
                continue;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("legacy_id", row.legacyId());
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

}
