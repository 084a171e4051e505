package com.omnichat.server.http;

import com.omnichat.server.errors.ApiException;
import io.javalin.http.Context;

import java.time.Duration;

/**
 * Counts the HTTP requests being handled, so a shutdown can let each one finish (a message is answered only after
 * its commit) before the server stops; once shutting down, new requests are refused before they change anything.
 */
final class RequestsInFlight {
    private static final String COUNTED = "omnichat.in-flight";

    private final Object lock = new Object();
    private int running;
    private boolean refusing;

    void enter(Context ctx) {
        synchronized (lock) {
            if (refusing) {
                ctx.header("Connection", "close");
                ctx.header("Retry-After", "1");
                throw new ApiException(503, "unavailable", "The server is shutting down; try again");
            }
            running++;
        }
        ctx.attribute(COUNTED, Boolean.TRUE);
    }

    void leave(Context ctx) {
        if (ctx.attribute(COUNTED) == null) {
            return;
        }
        ctx.attribute(COUNTED, null);
        synchronized (lock) {
            running--;
            lock.notifyAll();
        }
    }

    void refuseNew() {
        synchronized (lock) {
            refusing = true;
        }
    }

    boolean awaitNone(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (lock) {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
