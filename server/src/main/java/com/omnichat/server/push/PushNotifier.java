package com.omnichat.server.push;

import com.omnichat.server.conversations.ContactMessageListener;
import com.omnichat.server.storage.Database;
import com.omnichat.server.text.UnicodeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * New-message pushes to the tenant's staff devices (PROTOCOL.md §A.9). The publisher thread only offers a job to a
 * bounded queue; one worker reads the tokens, collapses repeats (one push per token per conversation per 30 s) and
 * calls the sender. A full queue drops the push and counts it: a missed notification is better than a stalled writer.
 */
public final class PushNotifier implements ContactMessageListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushNotifier.class);
    static final Duration COLLAPSE = Duration.ofSeconds(30);
    private static final int BATCH = 100;
    private static final int BODY_CHARS = 100;

    private record Job(long tenantId, long conversationId, String channel, String externalId, String text) {
    }

    private final Database db;
    private final PushTokenStore tokens;
    private final PushSender sender;
    private final Clock clock;
    private final BlockingQueue<Job> queue;
    private final AtomicLong dropped = new AtomicLong();
    /** Touched only by the worker: when each (token, conversation) last got a push. */
    private final Map<String, Instant> lastPush = new HashMap<>();
    private final Thread worker;

    public PushNotifier(Database db, PushTokenStore tokens, PushSender sender, Clock clock, int capacity) {
        this.db = db;
        this.tokens = tokens;
        this.sender = sender;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(this::work, "omnichat-push");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public void contactMessage(long tenantId, long conversationId, String channel, String externalId, String text) {
        if (!queue.offer(new Job(tenantId, conversationId, channel, externalId, text))) {
            long total = dropped.incrementAndGet();
            if (total == 1 || total % 1000 == 0) {
                LOG.warn("Push queue full: {} notifications dropped so far", total);
            }
        }
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                notify(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("Push notification failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    private void notify(Job job) {
        List<String> devices = db.read(c -> tokens.ofTenant(c, job.tenantId()));
        Instant now = clock.instant();
        forgetOldPushes(now);
        List<PushMessage> messages = new ArrayList<>();
        for (String token : devices) {
            String key = token + " " + job.conversationId();
            Instant last = lastPush.get(key);
            if (last != null && last.plus(COLLAPSE).isAfter(now)) {
                continue;
            }
            lastPush.put(key, now);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("type", "new_message");
            data.put("user_id", job.externalId());
            data.put("channel", job.channel());
            messages.add(new PushMessage(token, "New message from " + job.externalId(),
                    UnicodeText.clip(job.text(), BODY_CHARS), data));
        }
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<PushMessage> batch = messages.subList(from, Math.min(messages.size(), from + BATCH));
            List<PushSender.Outcome> outcomes = sender.send(batch);
            for (int i = 0; i < batch.size(); i++) {
                if (outcomes.get(i) == PushSender.Outcome.DEVICE_NOT_REGISTERED) {
                    String token = batch.get(i).to();
                    db.writer().execute(tx -> {
                        tokens.delete(tx.connection(), token);
                        return null;
                    });
                }
            }
        }
    }

    private void forgetOldPushes(Instant now) {
        if (lastPush.size() > 10_000) {
            lastPush.values().removeIf(at -> !at.plus(COLLAPSE).isAfter(now));
        }
    }

    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
