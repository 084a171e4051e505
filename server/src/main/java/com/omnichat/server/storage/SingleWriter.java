package com.omnichat.server.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * Every write of the server goes through this one connection on one thread. Work that arrives while a batch is being
 * committed is committed together in the next batch (group commit); each unit runs in its own savepoint so one
 * failing unit does not undo the others. A caller's future completes only after its batch has committed.
 */
public final class SingleWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SingleWriter.class);
    private static final int MAX_BATCH = 512;
    private static final long SUBMIT_TIMEOUT_SECONDS = 30;
    /** How long a shutdown waits for the queued work to commit and its callers to hear about it. */
    private static final long DRAIN_MILLIS = 2_000;
    private static final long PUBLISH_MILLIS = 1_000;

    private final Connection connection;
    private final BlockingQueue<Task<?>> queue = new ArrayBlockingQueue<>(16_384);
    private final Thread thread;
    /**
     * Publishes committed batches (socket fan-out, then the callers' futures) in commit order on its own thread, so
     * the writer goes on to the next batch instead of writing to sockets.
     */
    private final java.util.concurrent.ExecutorService publisher = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> new Thread(runnable, "omnichat-publisher"));
    private volatile boolean running = true;

    SingleWriter(Connection connection) throws SQLException {
        this.connection = StatementCache.wrap(connection);
        this.connection.setAutoCommit(false);
        this.thread = new Thread(this::loop, "omnichat-writer");
        this.thread.setDaemon(false);
        this.thread.start();
    }

    /** Work that runs around every batch, inside its transaction. */
    public interface BatchHook {
        /** Before the batch's first unit. */
        void beforeBatch();

        /** After its last unit, just before the commit. */
        void beforeCommit(Connection connection) throws SQLException;
    }

    private final List<BatchHook> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void addBatchHook(BatchHook hook) {
        hooks.add(hook);
    }

    private final List<IntConsumer> committedBatchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told the number of units of every batch that committed (for the batch-size metric), on the writer thread. */
    public void onCommittedBatch(IntConsumer units) {
        committedBatchSizes.add(units);
    }

    /** Queues work and returns a future completed after commit (exceptionally if the unit failed). */
    public <T> CompletableFuture<T> submit(WriteWork<T> work) {
        Task<T> task = new Task<>(work, new CompletableFuture<>());
        if (!running) {
            task.result.completeExceptionally(new StorageException("The writer is closed", null));
            return task.result;
        }
        try {
            if (!queue.offer(task, SUBMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                task.result.completeExceptionally(new StorageException("The writer is overloaded", null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.result.completeExceptionally(new StorageException("Interrupted while queueing a write", e));
        }
        return task.result;
    }

    /** Submits and waits: for request handlers, which answer only once the change is durable. */
    public <T> T execute(WriteWork<T> work) {
        try {
            return submit(work).get(SUBMIT_TIMEOUT_SECONDS * 2, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StorageException("Write failed", cause);
        } catch (TimeoutException e) {
            throw new StorageException("Write timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while writing", e);
        }
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Task<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Writer batch failed", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Task<?>> batch) {
        hooks.forEach(BatchHook::beforeBatch);
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Task<?> task : batch) {
            outcomes.add(runInSavepoint(task));
        }
        try {
            for (BatchHook hook : hooks) {
                hook.beforeCommit(connection);
            }
            connection.commit();
        } catch (SQLException e) {
            LOG.error("Commit failed; {} writes rejected", batch.size(), e);
            rollbackQuietly();
            StorageException failure = new StorageException("Commit failed", e);
            for (Task<?> task : batch) {
                task.result.completeExceptionally(failure);
            }
            return;
        }
        for (IntConsumer listener : committedBatchSizes) {
            listener.accept(batch.size());
        }
        publisher.execute(() -> outcomes.forEach(Outcome::complete));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Outcome runInSavepoint(Task<?> task) {
        WriteContext context = new WriteContext(connection);
        boolean savepointOpen = false;
        try {
            sql("SAVEPOINT unit");
            savepointOpen = true;
            Object value = task.work.apply(context);
            sql("RELEASE unit");
            return new Outcome((CompletableFuture) task.result, value, null, context.afterCommitActions());
        } catch (Exception | AssertionError e) {
            if (savepointOpen) {
                try {
                    sql("ROLLBACK TO unit");
                    sql("RELEASE unit");
                } catch (SQLException rollbackFailure) {
                    LOG.error("Rollback to savepoint failed", rollbackFailure);
                }
            }
            return new Outcome((CompletableFuture) task.result, null, e, List.of());
        }
    }

    /** Savepoints as plain statements, so the statement cache compiles them once (JDBC's Savepoint API cannot). */
    private void sql(String statement) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            ps.execute();
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.error("Rollback failed", e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(DRAIN_MILLIS);
            if (thread.isAlive()) {
                LOG.warn("The writer still had work after {} ms; what it has not committed is not acknowledged",
                        DRAIN_MILLIS);
                thread.interrupt();
                thread.join(DRAIN_MILLIS);
            }
            publisher.shutdown();
            publisher.awaitTermination(PUBLISH_MILLIS, TimeUnit.MILLISECONDS);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("Closing the writer connection failed", e);
        }
    }

    private record Task<T>(WriteWork<T> work, CompletableFuture<T> result) {
    }

    private record Outcome(CompletableFuture<Object> future, Object value, Throwable failure, List<Runnable> afterCommit) {
        void complete() {
            if (failure != null) {
                future.completeExceptionally(failure);
                return;
            }
            for (Runnable action : afterCommit) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("After-commit action failed", e);
                }
            }
            future.complete(value);
        }
    }
}
