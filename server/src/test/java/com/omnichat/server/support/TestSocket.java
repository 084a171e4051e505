package com.omnichat.server.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client that records every text frame and the close code. */
public final class TestSocket implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private TestSocket(String url, Map<String, String> headers) {
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(URI.create(url), new Listener()).join();
    }

    public static TestSocket open(String url) {
        return new TestSocket(url, Map.of());
    }

    public static TestSocket open(String url, Map<String, String> headers) {
        return new TestSocket(url, headers);
    }

    public void send(Object frame) {
        socket.sendText(Api.json(frame), true).join();
    }

    /** The next frame, failing the test if none comes within the wait. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame arrived");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Skips frames until one matches; returns it. */
    public JsonNode nextMatching(Predicate<JsonNode> match) {
        while (true) {
            JsonNode frame = next();
            if (match.test(frame)) {
                return frame;
            }
        }
    }

    public JsonNode nextOfType(String type) {
        return nextMatching(f -> type.equals(f.path("type").asText()));
    }

    /** Collects frames until {@code count} match; returns the matching ones in order. */
    public List<JsonNode> collect(int count, Predicate<JsonNode> match) {
        List<JsonNode> result = new ArrayList<>();
        while (result.size() < count) {
            JsonNode frame = next();
            if (match.test(frame)) {
                result.add(frame);
            }
        }
        return result;
    }

    /** Frames that arrived already, without waiting. */
    public List<JsonNode> drain() {
        List<JsonNode> result = new ArrayList<>();
        frames.drainTo(result);
        return result;
    }

    public int awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket did not close", e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(Api.JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    frames.add(Api.JSON.getNodeFactory().textNode(partial.toString()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
