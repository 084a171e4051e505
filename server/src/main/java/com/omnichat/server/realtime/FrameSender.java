package com.omnichat.server.realtime;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;

/**
 * A socket's bounded outgoing queue. Sending never blocks the caller: frames are written one at a time with Jetty's
 * asynchronous send; a peer that lets the queue fill up is closed with the slow-consumer code and resumes by seq.
 * The queue is bounded in frames and in bytes (the frame being written counts until Jetty has written it), so a
 * peer that stops reading holds at most {@code maxBytes} of the server's memory however large the frames are.
 */
public final class FrameSender {
    private static final long CLOSE_GRACE_SECONDS = 5;

    private final Session session;
    private final int capacity;
    private final long maxBytes;
    private final int slowConsumerCode;
    private final Runnable slowConsumerDropped;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread drainingThread;

    private record Frame(String text, int bytes) {
    }

    /** {@code slowConsumerDropped} is told each time this socket is closed for letting its queue fill up. */
    public FrameSender(Session session, int capacity, long maxBytes, int slowConsumerCode,
                       Runnable slowConsumerDropped) {
        this.session = session;
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.slowConsumerCode = slowConsumerCode;
        this.slowConsumerDropped = slowConsumerDropped;
    }

    /** Queues a text frame; false if the socket is closed or was just closed for being too slow. */
    public boolean send(String frame) {
        if (closed.get()) {
            return false;
        }
        int bytes = FrameBytes.of(frame);
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            if (closeOnce(slowConsumerCode, "slow consumer")) {
                slowConsumerDropped.run();
            }
            return false;
        }
        long pendingBytes = queuedBytes.addAndGet(bytes);
        // One frame larger than the budget still goes out alone, when nothing else is waiting.
        if (pendingBytes > maxBytes && pendingBytes != bytes) {
            queuedBytes.addAndGet(-bytes);
            queued.decrementAndGet();
            if (closeOnce(slowConsumerCode, "slow consumer")) {
                slowConsumerDropped.run();
            }
            return false;
        }
        queue.add(new Frame(frame, bytes));
        drain();
        return true;
    }

    public void ping() {
        if (!closed.get() && session.isOpen()) {
            session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    /**
     * Sends the close frame; a peer that does not read it (the usual reason for closing a slow consumer) is
     * disconnected after a grace period, so its socket and buffers are freed either way.
     */
    public void close(int code, String reason) {
        closeOnce(code, reason);
    }

    /** True for the call that closed the socket; false when it was closed already. */
    private boolean closeOnce(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            if (session.isOpen()) {
                AtomicBoolean closeWritten = new AtomicBoolean();
                session.close(code, reason, Callback.from(() -> closeWritten.set(true), failure -> session.disconnect()));
                CompletableFuture.delayedExecutor(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS).execute(() -> {
                    if (!closeWritten.get()) {
                        session.disconnect();
                    }
                });
            }
            return true;
        }
        return false;
    }

    public boolean isOpen() {
        return !closed.get() && session.isOpen();
    }

    public void markClosed() {
        closed.set(true);
        queue.clear();
    }

    private void drain() {
        if (drainingThread == Thread.currentThread()) {
            return;
        }
        drainingThread = Thread.currentThread();
        try {
            while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
                Frame next = queue.poll();
                if (next == null) {
                    writing.set(false);
                    continue;
                }
                queued.decrementAndGet();
                session.sendText(next.text(), Callback.from(() -> written(next), failure -> {
                    queuedBytes.addAndGet(-next.bytes());
                    writing.set(false);
                    markClosed();
                }));
            }
        } finally {
            drainingThread = null;
        }
    }

    private void written(Frame frame) {
        queuedBytes.addAndGet(-frame.bytes());
        writing.set(false);
        drain();
    }
}
