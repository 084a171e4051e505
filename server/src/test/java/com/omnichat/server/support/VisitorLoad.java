package com.omnichat.server.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Widget visitors sending messages as fast as their limits allow, each from its own address (the server must trust
 * X-Forwarded-For: {@code OMNICHAT_TRUST_PROXY=true}), and the messages the server acknowledged with a 201, in order.
 * A refused or failed send (429, 503, a closed connection) is simply not acknowledged.
 */
public final class VisitorLoad implements AutoCloseable {
    /** A message the server answered 201, with when the answer arrived and how long it took. */
    public record Ack(String visitor, String messageId, long answeredAtNanos, long tookNanos) {
    }

    private final Api api;
    private final List<Visitor> visitors = new ArrayList<>();
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final ExecutorService threads;
    private volatile boolean running = true;

    private record Visitor(String auth, String address) {
    }

    public VisitorLoad(Api api, String siteKey, int count) {
        this.api = api;
        for (int i = 0; i < count; i++) {
            String address = "10.77." + (i / 200) + "." + (i % 200 + 1);
            Api.Reply session = api.raw("POST", "/api/v1/widget/sessions", null, "application/json",
                    Api.json(Map.of("site_key", siteKey)), Map.of("X-Forwarded-For", address));
            if (session.status() != 201 && session.status() != 200) {
                throw new AssertionError("widget session refused: " + session.status() + " " + session.text());
            }
            visitors.add(new Visitor("Visitor " + session.body().get("visitor_id").asText() + ":"
                    + session.body().get("visitor_secret").asText(), address));
        }
        this.threads = Executors.newFixedThreadPool(count);
    }

    public VisitorLoad start() {
        for (Visitor visitor : visitors) {
            threads.execute(() -> send(visitor));
        }
        return this;
    }

    private void send(Visitor visitor) {
        for (int n = 0; running; n++) {
            long started = System.nanoTime();
            try {
                Api.Reply reply = api.raw("POST", "/api/v1/widget/messages", visitor.auth(), "application/json",
                        Api.json(Map.of("client_id", "load-" + n, "text", "load message " + n)),
                        Map.of("X-Forwarded-For", visitor.address()));
                if (reply.status() == 201) {
                    long answered = System.nanoTime();
                    acks.add(new Ack(visitor.auth(), reply.body().get("id").asText(), answered, answered - started));
                } else {
                    pause(reply.status() == 429 ? 500 : 100);
                }
            } catch (RuntimeException unreachable) {
                pause(100);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until at least {@code count} messages were acknowledged, failing the test after {@code limit}. */
    public void awaitAcks(int count, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (acks.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acks.size() + " messages acknowledged in " + limit.toSeconds() + " s");
            }
            pause(20);
        }
    }

    public List<Ack> acknowledged() {
        return List.copyOf(acks);
    }

    public List<String> visitorAuths() {
        return visitors.stream().map(Visitor::auth).toList();
    }

    @Override
    public void close() {
        running = false;
        threads.shutdown();
        try {
            threads.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
