package com.omnichat.desktop.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Envelope;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The staff stream {@code /api/v1/stream} (PROTOCOL.md §C.7): says hello with the last seq processed, so the server
 * replays what was missed; reconnects with backoff forever until closed or the token is refused.
 */
public final class StaffStream implements AutoCloseable {
    private static final int AUTH_FAILED = 4401;
    private static final int FORBIDDEN = 4403;
    private static final int ATTEMPTS_BEFORE_OFFLINE = 3;

    private final URI uri;
    private final String token;
    private final Backoff backoff;
    private final ObjectMapper json;
    private final StreamListener listener;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();
    private long lastSeq;
    private Connection current;
    private boolean live;
    private boolean stopped;

    /** {@code since} is the {@code stream_seq} of the REST read the client's state came from. */
    public StaffStream(String baseUrl, String token, long since, Backoff backoff, ObjectMapper json,
                       StreamListener listener) {
        String http = RestClient.parseBase(baseUrl).resolve("/api/v1/stream").toString();
        this.uri = URI.create(http.replaceFirst("^http", "ws"));
        this.token = token;
        this.lastSeq = since;
        this.backoff = backoff;
        this.json = json;
        this.listener = listener;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "omnichat-stream-reconnect");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        listener.onState(ConnectionState.CONNECTING);
        scheduler.execute(this::connect);
    }

    /** The highest seq received; what the next hello asks to resume after. */
    public long lastSeq() {
        synchronized (lock) {
            return lastSeq;
        }
    }

    /** Sends a typing signal if the stream is live; typing is ephemeral, so nothing is kept when it is not. */
    public void sendTyping(String conversationId, boolean typing) {
        send("typing", Map.of("conversation_id", conversationId, "state", typing ? "start" : "stop"));
    }

    private void send(String type, Map<String, Object> data) {
        Connection connection;
        synchronized (lock) {
            connection = live ? current : null;
        }
        if (connection == null) {
            return;
        }
        try {
            connection.send(json.writeValueAsString(new Envelope(type, null, json.valueToTree(data), null)));
        } catch (Exception lostMeanwhile) {
            // The close handler reconnects; a lost typing signal does not matter.
        }
    }

    private void connect() {
        Connection connection;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            connection = new Connection(uri, token);
            current = connection;
            live = false;
        }
        connection.setConnectionLostTimeout(30);
        // Closing the window must end the process even while a connection attempt is in flight.
        connection.setDaemon(true);
        connection.connect();
    }

    private void closed(Connection connection, int code) {
        boolean authFailed = code == AUTH_FAILED || code == FORBIDDEN;
        synchronized (lock) {
            if (connection != current || stopped) {
                return;
            }
            live = false;
            if (authFailed) {
                stopped = true;
            }
        }
        if (authFailed) {
            listener.onState(ConnectionState.STOPPED);
            listener.onAuthenticationFailed();
            return;
        }
        listener.onState(backoff.failures() >= ATTEMPTS_BEFORE_OFFLINE
                ? ConnectionState.OFFLINE : ConnectionState.RECONNECTING);
        Duration delay = backoff.next();
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void received(Connection connection, String text) {
        Envelope frame;
        try {
            frame = json.readValue(text, Envelope.class);
        } catch (Exception e) {
            return;
        }
        switch (frame.type() == null ? "" : frame.type()) {
            case "ping" -> connection.send("{\"type\":\"pong\",\"seq\":null,\"data\":{}}");
            case "pong", "ack" -> {
            }
            case "ready" -> {
                synchronized (lock) {
                    live = true;
                }
                backoff.reset();
                listener.onState(ConnectionState.CONNECTED);
                listener.onReady(frame.data().path("head_seq").asLong());
            }
            case "reset" -> {
                long head = frame.data().path("head_seq").asLong();
                synchronized (lock) {
                    lastSeq = head;
                }
                listener.onReset(head);
            }
            default -> {
                if (frame.seq() != null) {
                    synchronized (lock) {
                        if (frame.seq() <= lastSeq) {
                            return;
                        }
                        lastSeq = frame.seq();
                    }
                }
                listener.onEvent(frame);
            }
        }
    }

    @Override
    public void close() {
        Connection connection;
        synchronized (lock) {
            stopped = true;
            live = false;
            connection = current;
        }
        if (connection != null) {
            connection.close();
        }
        scheduler.shutdownNow();
        listener.onState(ConnectionState.STOPPED);
    }

    private final class Connection extends WebSocketClient {
        Connection(URI target, String bearer) {
            super(target, Map.of("Authorization", "Bearer " + bearer));
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("since", lastSeq());
            try {
                send(json.writeValueAsString(new Envelope("hello", null, json.valueToTree(hello), null)));
            } catch (Exception e) {
                close();
            }
        }

        @Override
        public void onMessage(String message) {
            received(this, message);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closed(this, code);
        }

        @Override
        public void onError(Exception error) {
            // onClose follows every error; the reconnect happens there.
        }
    }
}
