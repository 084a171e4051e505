package com.omnichat.server.channels.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Works through the outbox on its own thread: every second, and right after a commit that queued something. When a
 * part is due comes from the server clock, so tests move time instead of waiting. Provider calls never run on the
 * writer or a request thread. After a restart the pending rows are simply due again.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 50;
    /** Rounds per run: each round sends at most the first waiting part per recipient, the next round its successor. */
    private static final int MAX_ROUNDS = 20;
    private static final Duration SEND_FINISH_LIMIT = Duration.ofSeconds(3);

    private final DeliveryService deliveries;
    private volatile boolean stopping;
    private final Map<String, ProviderSender> senders = new HashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "omnichat-delivery");
        t.setDaemon(true);
        return t;
    });

    public DeliveryWorker(DeliveryService deliveries, List<ProviderSender> providers) {
        this.deliveries = deliveries;
        for (ProviderSender provider : providers) {
            provider.channels().forEach(channel -> senders.put(channel, provider));
        }
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::runQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /** Asks for a run soon, on the delivery thread. */
    public void wake() {
        if (!thread.isShutdown()) {
            thread.execute(this::runQuietly);
        }
    }

    /** Sends every part that is due now; returns how many attempts were made. Tests call it after moving the clock. */
    public synchronized int runOnce() {
        int attempts = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<OutboxRow> due = deliveries.due(BATCH);
            if (due.isEmpty()) {
                break;
            }
            for (OutboxRow row : due) {
                if (stopping) {
                    return attempts;
                }
                ProviderSender sender = senders.get(row.channel());
                SendOutcome outcome = sender == null
                        ? new SendOutcome.Refused("not_configured", "No sender for " + row.channel())
                        : sender.send(row);
                deliveries.record(row, outcome);
                attempts++;
            }
        }
        return attempts;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.error("Delivery run failed; pending parts stay queued", e);
        }
    }

    /** Starts no further send; the one handed to a provider goes on (see {@link #close()}). */
    public void stopAfterCurrentSend() {
        stopping = true;
        thread.shutdown();
    }

    /**
     * Lets a send already handed to a provider finish and be recorded before stopping: interrupting it would leave the
     * part pending, and the next start would send it a second time. A provider slower than {@link #SEND_FINISH_LIMIT}
     * is interrupted all the same, so a shutdown stays bounded; that part is then sent again after the restart.
     */
    @Override
    public void close() {
        stopAfterCurrentSend();
        try {
            if (!thread.awaitTermination(SEND_FINISH_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("A provider send was still running after {} s; it stays pending and is retried after the restart",
                        SEND_FINISH_LIMIT.toSeconds());
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
