package com.omnichat.server.operations;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChildServer;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.VisitorLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code omnichat backup} and {@code omnichat restore} against a server running in its own process, as in production. */
class BackupAndRestoreTest {
    private static final Map<String, String> BEHIND_A_PROXY = Map.of("OMNICHAT_TRUST_PROXY", "true");
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    @Test
    void aBackupTakenUnderLoadRestoresIntoANewDirectoryWithEveryMessageAcknowledgedBeforeIt() throws Exception {
        Path live = temp.resolve("live");
        Path backup = temp.resolve("backups").resolve("omnichat-backup.db");
        List<VisitorLoad.Ack> beforeBackup;
        List<VisitorLoad.Ack> afterBackup;
        OperatorCommand backedUp;
        List<String> visitors;
        try (ChildServer server = ChildServer.start(live, BEHIND_A_PROXY);
             VisitorLoad load = new VisitorLoad(server.api(), server.siteKey(), 24).start()) {
            load.awaitAcks(60, LIMIT);
            beforeBackup = load.acknowledged();
            long backupStarted = System.nanoTime();
            backedUp = OperatorCommand.run(live, "backup", "--to", backup.toString());
            long backupEnded = System.nanoTime();
            load.awaitAcks(load.acknowledged().size() + 20, LIMIT);
            afterBackup = load.acknowledged().stream().filter(ack -> ack.answeredAtNanos() > backupEnded).toList();
            List<VisitorLoad.Ack> overlapping = load.acknowledged().stream()
                    .filter(ack -> ack.answeredAtNanos() > backupStarted && ack.answeredAtNanos() - ack.tookNanos() < backupEnded)
                    .toList();
            // For the ADR: how much the server's writers noticed the copy (not asserted: timing depends on the machine).
            System.out.printf("backup took %d ms; %d sends overlapped it, the slowest %d ms; the slowest before it %d ms%n",
                    (backupEnded - backupStarted) / 1_000_000, overlapping.size(),
                    overlapping.stream().mapToLong(VisitorLoad.Ack::tookNanos).max().orElse(0) / 1_000_000,
                    beforeBackup.stream().mapToLong(VisitorLoad.Ack::tookNanos).max().orElse(0) / 1_000_000);
            visitors = load.visitorAuths();
            server.terminate();
            server.awaitExit(LIMIT);
        }
        assertThat(backedUp.exitCode()).as(backedUp.err()).isZero();
        assertThat(backedUp.out()).contains("integrity_check: ok").containsPattern("(?m)^\\s+messages\\s+(\\d+)\\s+\\1$");
        assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> files = Files.list(backup.getParent())) {
            assertThat(files).as("no temporary file left beside the backup").containsExactly(backup);
        }

        Path restored = temp.resolve("restored");
        OperatorCommand restore = OperatorCommand.run(restored, "restore", "--from", backup.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("integrity_check: ok").contains("There was no previous database");

        try (RunningServer server = RunningServer.on(restored)) {
            Set<String> ids = server.messageIdsOf(visitors);
            assertThat(ids).containsAll(beforeBackup.stream().map(VisitorLoad.Ack::messageId).toList());
            assertThat(ids).as("a copy of the moment the backup ran, not of later writes")
                    .doesNotContainAnyElementsOf(afterBackup.stream().map(VisitorLoad.Ack::messageId).toList());
        }
    }

    @Test
    void restoreIsRefusedWhileAServerUsesTheDataDirectoryAndChangesNothing() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path backup = temp.resolve("copy.db");
            assertThat(OperatorCommand.run(server.dataDir(), "backup", "--to", backup.toString()).exitCode()).isZero();
            Api api = server.api();
            String visitor = api.newVisitor(server.server().bootstrap().orElseThrow().siteKey());
            Api.Reply sent = api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "after", "text", "after the backup"));
            assertThat(sent.status()).isEqualTo(201);

            OperatorCommand refused = OperatorCommand.run(server.dataDir(), "restore", "--from", backup.toString());

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("An Omnichat server is using the data directory " + server.dataDir())
                    .contains("Stop it first");
            assertThat(api.get("/api/v1/widget/messages?limit=50", visitor).body().get("data"))
                    .extracting(m -> m.get("text").asText()).contains("after the backup");
            try (Stream<Path> files = Files.list(server.dataDir())) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.contains("before-restore"));
            }
        }
    }

    @Test
    void aServerKilledWithSigkillDoesNotBlockARestoreWhichKeepsItsDatabaseWhole() throws Exception {
        Path live = temp.resolve("live");
        Path backup = temp.resolve("empty-copy.db");
        int acknowledged;
        try (ChildServer server = ChildServer.start(live, BEHIND_A_PROXY)) {
            assertThat(OperatorCommand.run(live, "backup", "--to", backup.toString()).exitCode()).isZero();
            try (VisitorLoad load = new VisitorLoad(server.api(), server.siteKey(), 4).start()) {
                load.awaitAcks(20, LIMIT);
                server.kill();
                server.awaitExit(LIMIT);
                acknowledged = load.acknowledged().size();
            }
        }
        assertThat(live.resolve("omnichat.lock")).as("the lock file stays; the OS lock died with the process").exists();

        OperatorCommand restore = OperatorCommand.run(live, "restore", "--from", backup.toString());

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        Path kept;
        try (Stream<Path> files = Files.list(live)) {
            kept = files.filter(f -> f.getFileName().toString().matches("omnichat\\.db\\.before-restore-\\d{8}-\\d{6}"))
                    .findFirst().orElseThrow();
        }
        assertThat(restore.out()).contains("The previous database is kept as " + kept);
        assertThat(kept.resolveSibling(kept.getFileName() + "-wal")).as("the old -wal was folded into the kept file")
                .doesNotExist();
        assertThat(live.resolve("omnichat.db-wal")).as("no old -wal left beside the restored database").doesNotExist();
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + kept);
             ResultSet count = old.createStatement().executeQuery("SELECT count(*) FROM messages WHERE sender = 'user'")) {
            count.next();
            assertThat(count.getInt(1)).isGreaterThanOrEqualTo(acknowledged);
        }
    }

    @Test
    void aDamagedBackupIsRefusedBeforeTheDatabaseIsTouched() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path dataDir = server.dataDir();
            Path damaged = temp.resolve("damaged.db");
            Files.write(damaged, "SQLite format 3\u0000 but then garbage".repeat(200).getBytes());
            server.whileStopped(() -> {
                try {
                    byte[] before = Files.readAllBytes(dataDir.resolve("omnichat.db"));

                    OperatorCommand refused = OperatorCommand.run(dataDir, "restore", "--from", damaged.toString());

                    assertThat(refused.exitCode()).isEqualTo(1);
                    assertThat(refused.err()).contains(damaged.getFileName().toString());
                    assertThat(Files.readAllBytes(dataDir.resolve("omnichat.db"))).isEqualTo(before);
                    try (Stream<Path> files = Files.list(dataDir)) {
                        assertThat(files.map(f -> f.getFileName().toString()))
                                .noneMatch(name -> name.contains("before-restore") || name.contains("restoring"));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void withPostgresqlBothCommandsPointToPgDumpAndWriteNothing() throws Exception {
        Map<String, String> postgres = Map.of("OMNICHAT_DATABASE_URL", "jdbc:postgresql://db:5432/omnichat?password=s3cret");
        Path target = temp.resolve("never.db");

        OperatorCommand backup = OperatorCommand.runWith(temp.resolve("data"), postgres, "backup", "--to", target.toString());
        OperatorCommand restore = OperatorCommand.runWith(temp.resolve("data"), postgres, "restore", "--from", target.toString());

        for (OperatorCommand refused : List.of(backup, restore)) {
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("PostgreSQL").contains("pg_dump").contains("pg_restore").doesNotContain("s3cret");
        }
        assertThat(target).doesNotExist();
    }
}
