package com.omnichat.server.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Installs a backup as the database of a data directory that no server is using. The old database is kept beside it
 * under a timestamped name, checkpointed first so it is one complete file; whatever -wal it still has moves with it.
 */
public final class Restore {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Restore() {
    }

    /** The installed copy's counts and where the previous database went (empty when there was none). */
    public record Result(Path installed, TableCounts counts, Optional<Path> previous) {
    }

    public static Result install(Path dataDir, Path backup, Clock clock) {
        if (!Files.isRegularFile(backup)) {
            throw new StorageException("There is no backup file at " + backup, null);
        }
        try (DataDirectoryLock ignored = DataDirectoryLock.acquire(dataDir)) {
            Path database = Database.file(dataDir);
            Path incoming = dataDir.resolve("." + Database.FILE_NAME + ".restoring");
            try {
                // The backup is copied first and the copy checked, so the operator's file is never opened or changed.
                DatabaseCopy.deleteWithJournals(incoming);
                DatabaseCopy.createPrivate(incoming);
                try (OutputStream copy = Files.newOutputStream(incoming, StandardOpenOption.WRITE)) {
                    Files.copy(backup, copy);
                }
                matchOwner(incoming, dataDir);
                TableCounts counts = DatabaseCopy.check(incoming, backup);
                DatabaseCopy.sync(incoming);
                Optional<Path> previous = Optional.empty();
                // An empty file is no database: the data directory's preparation creates one owner-only in advance.
                if (Files.exists(database) && Files.size(database) > 0) {
                    previous = Optional.of(keepAside(database, dataDir.resolve(Database.FILE_NAME + ".before-restore-"
                            + STAMP.format(clock.instant()))));
                }
                Files.move(incoming, database, StandardCopyOption.ATOMIC_MOVE);
                DatabaseCopy.sync(dataDir);
                return new Result(database, counts, previous);
            } finally {
                DatabaseCopy.deleteWithJournals(incoming);
            }
        } catch (IOException e) {
            throw new StorageException("Restore into " + dataDir + " failed: " + e.getMessage(), e);
        }
    }

    private static Path keepAside(Path database, Path kept) throws IOException {
        checkpoint(database);
        Files.move(database, kept, StandardCopyOption.ATOMIC_MOVE);
        // SQLite finds a database's journal by its name: a -wal the checkpoint could not empty must keep the new name.
        for (String suffix : List.of("-wal", "-shm")) {
            Path journal = database.resolveSibling(database.getFileName() + suffix);
            if (Files.exists(journal)) {
                Files.move(journal, kept.resolveSibling(kept.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return kept;
    }

    /** Folds the -wal into the database file; closing the last connection then removes the -wal and -shm. */
    private static void checkpoint(Path database) {
        try (Connection connection = DatabaseCopy.open(database);
             PreparedStatement checkpoint = connection.prepareStatement("PRAGMA wal_checkpoint(TRUNCATE)")) {
            checkpoint.execute();
        } catch (SQLException e) {
            throw new StorageException("Cannot checkpoint the current database " + database + " before keeping it: "
                    + e.getMessage(), e);
        }
    }

    /** Run as root, the restored file would be root's and the server could not write it: give it the directory's owner. */
    private static void matchOwner(Path file, Path dataDir) throws IOException {
        UserPrincipal owner = Files.getOwner(dataDir);
        if (!Files.getOwner(file).equals(owner)) {
            Files.setOwner(file, owner);
        }
    }
}
