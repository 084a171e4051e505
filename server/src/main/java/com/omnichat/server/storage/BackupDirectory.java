package com.omnichat.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of dated backups, as the daily timer keeps them: {@code omnichat-20261208-031500Z.db}. The names sort
 * by time, so the newest are the last; only files with exactly that shape are ever deleted.
 */
public final class BackupDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("omnichat-\\d{8}-\\d{6}Z\\.db");

    private final Path dir;

    public BackupDirectory(Path dir) {
        this.dir = dir;
    }

    public Path fileFor(Instant time) {
        return dir.resolve("omnichat-" + STAMP.format(time) + ".db");
    }

    /** Deletes all but the {@code keep} newest backups; returns the deleted files. */
    public List<Path> keepNewest(int keep) {
        List<Path> backups;
        try (Stream<Path> files = Files.list(dir)) {
            backups = files.filter(file -> NAME.matcher(file.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StorageException("Cannot list the backups in " + dir + ": " + e.getMessage(), e);
        }
        List<Path> deleted = new ArrayList<>();
        for (Path old : backups.subList(0, Math.max(0, backups.size() - keep))) {
            try {
                Files.deleteIfExists(old);
                deleted.add(old);
            } catch (IOException e) {
                throw new StorageException("Cannot delete the old backup " + old + ": " + e.getMessage(), e);
            }
        }
        return deleted;
    }
}
