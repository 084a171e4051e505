package com.omnichat.server.storage;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A database file outside the server's own connections: the copy a backup writes or a restore installs. Checking it
 * turns it into one self-contained file (rollback journal, no -wal beside it) that can be moved and copied alone.
 */
final class DatabaseCopy {
    private DatabaseCopy() {
    }

    /** A plain connection to a file, waiting for the server's writer instead of failing when it holds the lock. */
    static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    /**
     * Refuses a file that is not a sound Omnichat database and returns its counts. It runs SQLite's full
     * {@code PRAGMA integrity_check} (every page, index and constraint), which reads the whole file once. Errors name
     * {@code shownAs}: the operator's file rather than the working copy being checked.
     */
    static TableCounts check(Path file, Path shownAs) {
        try (Connection connection = open(file)) {
            List<String> problems = new ArrayList<>();
            try (PreparedStatement integrity = connection.prepareStatement("PRAGMA integrity_check");
                 ResultSet result = integrity.executeQuery()) {
                while (result.next()) {
                    problems.add(result.getString(1));
                }
            }
            if (!problems.equals(List.of("ok"))) {
                throw new StorageException(shownAs + " is damaged: integrity_check says "
                        + String.join("; ", problems.subList(0, Math.min(5, problems.size()))), null);
            }
            try (PreparedStatement journal = connection.prepareStatement("PRAGMA journal_mode = DELETE")) {
                journal.execute();
            }
            TableCounts counts = TableCounts.read(connection);
            if (!counts.rows().containsKey("flyway_schema_history") || !counts.rows().containsKey("messages")) {
                throw new StorageException(shownAs + " is not an Omnichat database (no schema history or messages)", null);
            }
            return counts;
        } catch (SQLException e) {
            throw new StorageException(shownAs + " cannot be read as an SQLite database: " + e.getMessage(), e);
        }
    }

    /** An empty file only its owner can read, so a copy is never readable by others even for a moment. */
    static void createPrivate(Path file) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** Flushes a file, or a directory's entries after a rename, to the disk. */
    static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static void deleteWithJournals(Path file) {
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException ignored) {
                // a leftover temporary file is named as one and harms nothing
            }
        }
    }
}
