package com.omnichat.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Replies typed but not sent yet, one per conversation, kept in a file: a session that expires, a switch to another
 * conversation or a restart of the app does not lose what someone was writing. Writes run on one worker thread in
 * order, so the file always ends with the newest text.
 */
public final class Drafts implements AutoCloseable {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private final Path file;
    private final ObjectMapper json;
    private final Map<String, String> drafts = new HashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "omnichat-drafts");
        thread.setDaemon(true);
        return thread;
    });

    public Drafts(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        drafts.putAll(read(file, json));
    }

    /** The unsent text of a conversation, empty if none. */
    public synchronized String get(String conversationId) {
        return drafts.getOrDefault(conversationId, "");
    }

    /** Keeps (or, when blank, forgets) the text; the file is written in the background. */
    public void put(String conversationId, String text) {
        Map<String, String> snapshot;
        synchronized (this) {
            String kept = text == null || text.isBlank() ? null : text;
            String before = kept == null ? drafts.remove(conversationId) : drafts.put(conversationId, kept);
            if (Objects.equals(before, kept)) {
                return;
            }
            snapshot = Map.copyOf(drafts);
        }
        if (!writer.isShutdown()) {
            writer.execute(() -> write(snapshot));
        }
    }

    private void write(Map<String, String> snapshot) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, json.writeValueAsBytes(snapshot));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep drafts in " + file, e);
        }
    }

    private static Map<String, String> read(Path file, ObjectMapper json) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return json.readValue(file.toFile(), MAP);
        } catch (IOException unreadable) {
            return Map.of();
        }
    }

    /** Lets the writes already queued finish (the session ends, the text must be on disk for the next one). */
    @Override
    public void close() {
        writer.shutdown();
        try {
            // A local file write or two: the next session reads the file right away.
            writer.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
