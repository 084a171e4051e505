package com.omnichat.server.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code omnichat.lock} in the data directory, held by a server for its whole life and by a
 * restore while it swaps the database file. The file itself stays behind; the lock does not: the kernel drops it when
 * the process ends, even by kill -9, so a crashed server never blocks the next start or a restore.
 */
public final class DataDirectoryLock implements AutoCloseable {
    public static final String FILE_NAME = "omnichat.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or says who holds it; never waits. */
    public static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            DataDirectory.prepare(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            giveToDirectoryOwner(file, dataDir);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DataDirectoryLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // this process already holds it: a second server in the same JVM is refused like one in another process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException("Cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        closeQuietly(channel);
        throw new DataDirectoryInUseException("An Omnichat server is using the data directory " + dataDir
                + " (it holds " + file + "). Stop it first (systemctl stop omnichat-server).");
    }

    /** Created by root (a restore run as root), the file must still be the server's to open for writing. */
    private static void giveToDirectoryOwner(Path file, Path dataDir) {
        try {
            if (!Files.getOwner(file).equals(Files.getOwner(dataDir))) {
                Files.setOwner(file, Files.getOwner(dataDir));
            }
        } catch (IOException notPermitted) {
            // only root may give a file away; anyone else created it as the owner who runs the server
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written; the OS lock goes with the descriptor
            }
        }
    }

    /** Another process (or another server in this one) holds the lock. */
    public static final class DataDirectoryInUseException extends StorageException {
        DataDirectoryInUseException(String message) {
            super(message, null);
        }
    }
}
