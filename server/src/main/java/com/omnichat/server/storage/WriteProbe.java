package com.omnichat.server.storage;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Proves the database takes writes: a real unit through the single writer that rewrites the file header's
 * {@code user_version} with its own value (nothing changes, but the write lock is taken and a page goes through the
 * WAL and the commit). A probe still stuck behind a lock is waited for by the next one instead of queueing another,
 * so a prober polling every few seconds cannot fill the writer's queue.
 */
public final class WriteProbe {
    private final SingleWriter writer;
    private CompletableFuture<Void> inFlight;

    public WriteProbe(SingleWriter writer) {
        this.writer = writer;
    }

    /** Empty when a write committed within {@code timeout}; otherwise why not, in words for an operator. */
    public Optional<String> problemWithin(Duration timeout) {
        CompletableFuture<Void> probe = current();
        try {
            probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("no write committed within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of("the write failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private synchronized CompletableFuture<Void> current() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = writer.submit(tx -> {
                try (Statement statement = tx.connection().createStatement()) {
                    int version;
                    try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
                        version = rs.next() ? rs.getInt(1) : 0;
                    }
                    statement.execute("PRAGMA user_version = " + version);
                }
                return null;
            });
        }
        return inFlight;
    }
}
