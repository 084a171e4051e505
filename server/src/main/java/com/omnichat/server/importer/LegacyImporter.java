package com.omnichat.server.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Timestamps;
import com.omnichat.server.analytics.AnalyticsRecorder;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.conversations.MessageStore;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.TenantStore;
import com.omnichat.server.users.UserStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Imports an old deployment's SQLite file into one tenant, in one writer transaction: everything or nothing. The old
 * file is opened read-only. Rows already imported into the tenant (the legacy_imports ledger) are skipped, so a
 * second run adds only what is new. A dry run does the same work and rolls it back.
 */
public final class LegacyImporter {
    private final Database db;
    private final TenantStore tenants;
    private final ImportRun.Tools tools;
    private final Clock clock;

    public LegacyImporter(Database db, TenantStore tenants, UserStore users, AuditLog audit, RandomTokens random,
                          ObjectMapper json, Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.tools = new ImportRun.Tools(new ConversationStore(new AnalyticsRecorder()), new MessageStore(), users, audit, new ImportLedger(),
                new ImportedRecords(), random, json);
        this.clock = clock;
    }

    /** Thrown out of the unit of work so the writer rolls the dry run back to its savepoint. */
    private static final class DryRunRollback extends RuntimeException {
        private final transient ImportReport report;

        DryRunRollback(ImportReport report) {
            super("dry run", null, false, false);
            this.report = report;
        }
    }

    public ImportReport run(Path file, long tenantId, boolean dryRun) {
        try (LegacyDatabase old = LegacyDatabase.open(file)) {
            if (db.read(c -> tenants.find(c, tenantId)).isEmpty()) {
                throw new LegacyImportException("Tenant " + tenantId + " not found");
            }
            return db.writer().submit(tx -> {
                ImportReport report = new ImportReport();
                long now = Timestamps.toMicros(clock.instant());
                // Other units of the same batch may hold seqs not yet counted in the tenant row.
                long[] dryRunSeq = {Math.max(tenants.headSeq(tx.connection(), tenantId),
                        tools.records().highestMessageSeq(tx.connection(), tenantId))};
                ImportRun.SeqSource seqs = dryRun ? () -> ++dryRunSeq[0]
                        : () -> tenants.nextSeq(tx.connection(), tenantId);
                new ImportRun(new ImportScope(tools, tx.connection(), tenantId, now, report), old, seqs).run();
                if (dryRun) {
                    throw new DryRunRollback(report);
                }
                if (report.totalImported() > 0) {
                    tools.audit().record(tx.connection(), AuditEntry.bySystem(tenantId, "legacy_import.completed",
                            "tenant", Long.toString(tenantId), summary(file, report)), now);
                }
                return report;
            }).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DryRunRollback rollback) {
                return rollback.report;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new LegacyImportException("Import failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Map<String, Object> summary(Path file, ImportReport report) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", file.getFileName().toString());
        report.tables().forEach((table, tally) -> details.put(table, Map.of(
                "imported", tally.imported(), "skipped", tally.skipped())));
        return details;
    }
}
