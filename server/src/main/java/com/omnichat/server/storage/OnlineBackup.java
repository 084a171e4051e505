package com.omnichat.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * Copies the live database with SQLite's online backup API while the server keeps writing. The copy is taken inside
 * one read transaction, so it is a single snapshot and the API never restarts because of the server's commits; in WAL
 * mode a reader does not block the writer, which only finds its checkpoints held back until the copy is done.
 * The copy is checked, then renamed into place, so the target is either the previous file or a complete backup.
 */
public final class OnlineBackup {
    private OnlineBackup() {
    }

    /** What was copied: the source's counts in the copied snapshot, the copy's own counts, and how long it took. */
    public record Result(Path file, long bytes, Duration took, TableCounts source, TableCounts copy) {
    }

    public static Result copy(Path dataDir, Path target) {
        Path source = Database.file(dataDir);
        if (!Files.isRegularFile(source)) {
            throw new StorageException("There is no database to back up at " + source, null);
        }
        if (target.toString().contains("\"")) {
            throw new StorageException("The backup path cannot contain a double quote", null);
        }
        Path absoluteTarget = target.toAbsolutePath();
        Path partial = absoluteTarget.resolveSibling("." + absoluteTarget.getFileName() + "." + UUID.randomUUID() + ".partial");
        long started = System.nanoTime();
        try {
            Files.createDirectories(absoluteTarget.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            DatabaseCopy.createPrivate(partial);
            TableCounts sourceCounts = snapshotInto(source, partial);
            TableCounts copyCounts = DatabaseCopy.check(partial, target);
            if (!copyCounts.equals(sourceCounts)) {
                throw new StorageException("The copy's row counts " + copyCounts.rows()
                        + " differ from the source's " + sourceCounts.rows(), null);
            }
            DatabaseCopy.sync(partial);
            Files.move(partial, absoluteTarget, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DatabaseCopy.sync(absoluteTarget.getParent());
            return new Result(absoluteTarget, Files.size(absoluteTarget), Duration.ofNanos(System.nanoTime() - started),
                    sourceCounts, copyCounts);
        } catch (IOException e) {
            throw new StorageException("Cannot write the backup " + target + ": " + e.getMessage(), e);
        } finally {
            DatabaseCopy.deleteWithJournals(partial);
        }
    }

    /** Counts the source and copies it in the same read transaction, so the counts describe exactly the copy. */
    private static TableCounts snapshotInto(Path source, Path partial) {
        try (Connection connection = DatabaseCopy.open(source)) {
            connection.setAutoCommit(false);
            try {
                TableCounts counts = TableCounts.read(connection);
                try (Statement backup = connection.createStatement()) {
                    // sqlite-jdbc's own statement for sqlite3_backup_init/step/finish into another file
                    backup.executeUpdate("backup to \"" + partial + "\"");
                }
                return counts;
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new StorageException("Backup of " + source + " failed: " + e.getMessage(), e);
        }
    }
}
