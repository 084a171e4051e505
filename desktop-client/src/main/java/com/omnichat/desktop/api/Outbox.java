package com.omnichat.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.MessageView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Replies not yet confirmed by the server, kept in a file so they survive disconnects and restarts, and sent in the
 * order typed. Each keeps its client id, so a send that reached the server before the connection dropped is answered
 * with the stored message instead of a duplicate.
 */
public final class Outbox implements AutoCloseable {
    /** What sends one reply: {@link RestClient#send}. */
    public interface Sender {
        MessageView send(String conversationId, String clientId, String text);
    }

    public interface Listener {
        void onSent(PendingReply reply, MessageView message);

        /** The server refused the reply for good (e.g. the conversation is gone); it is dropped. */
        void onRejected(PendingReply reply, ApiFailure failure);

        /** The token was refused; replies stay in the file for the next sign-in. */
        void onUnauthenticated();
    }

    private static final long RETRY_SECONDS = 5;
    private static final TypeReference<List<PendingReply>> LIST = new TypeReference<>() {
    };

    private final Path file;
    private final Sender sender;
    private final Listener listener;
    private final ObjectMapper json;
    private final ScheduledExecutorService worker;
    private final List<PendingReply> pending = new ArrayList<>();
    private boolean retryScheduled;

    public Outbox(Path file, Sender sender, Listener listener, ObjectMapper json) {
        this.file = file;
        this.sender = sender;
        this.listener = listener;
        this.json = json;
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "omnichat-outbox");
            thread.setDaemon(true);
            return thread;
        });
        pending.addAll(read(file, json));
    }

    /** Replies left from an earlier run, to show as pending. */
    public synchronized List<PendingReply> pending() {
        return List.copyOf(pending);
    }

    /** Keeps the reply (on disk before this returns) and tries to send it. */
    public void add(PendingReply reply) {
        synchronized (this) {
            pending.add(reply);
            write();
        }
        flush();
    }

    /** Tries to send everything now (called when the stream is back). */
    public void flush() {
        if (!worker.isShutdown()) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            PendingReply next;
            synchronized (this) {
                if (pending.isEmpty()) {
                    return;
                }
                next = pending.get(0);
            }
            try {
                MessageView message = sender.send(next.conversationId(), next.clientId(), next.text());
                remove(next);
                listener.onSent(next, message);
            } catch (ApiFailure failure) {
                if (failure.kind() == ApiFailure.Kind.UNAUTHENTICATED) {
                    listener.onUnauthenticated();
                    return;
                }
                if (failure.retryable()) {
                    scheduleRetry();
                    return;
                }
                remove(next);
                listener.onRejected(next, failure);
            }
        }
    }

    private synchronized void scheduleRetry() {
        if (retryScheduled || worker.isShutdown()) {
            return;
        }
        retryScheduled = true;
        worker.schedule(() -> {
            synchronized (this) {
                retryScheduled = false;
            }
            drain();
        }, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    private synchronized void remove(PendingReply reply) {
        pending.remove(reply);
        write();
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, json.writeValueAsBytes(pending));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep unsent replies in " + file, e);
        }
    }

    private static List<PendingReply> read(Path file, ObjectMapper json) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return json.readValue(file.toFile(), LIST);
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
