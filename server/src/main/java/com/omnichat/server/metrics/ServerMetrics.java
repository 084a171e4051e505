package com.omnichat.server.metrics;

import com.omnichat.protocol.Channels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's own meters, registered once when the server is built and handed to the code that counts through its
 * constructor. Counters on hot paths are looked up in small pre-filled maps, never built per call. Labels are bounded
 * sets (channels, kinds, reasons); tenant ids never become labels: their number has no bound.
 */
public final class ServerMetrics {
    /** Senders of PROTOCOL.md messages: the contact, staff, or the server itself. */
    private static final List<String> SENDERS = List.of("user", "staff", "system");
    private static final List<String> DELIVERY_CHANNELS = List.of(Channels.SMS, Channels.WHATSAPP, Channels.MESSENGER);

    /** The four kinds of live socket (PROTOCOL.md §C.7, §A.11, §A.12). */
    public enum StreamKind { STAFF_STREAM, VISITOR_STREAM, ADMIN_WS, VISITOR_WS }

    /** Why the server closed a socket on its own: the peer read too slowly, or opened more than its cap. */
    public enum DropReason { SLOW_CONSUMER, CAP }

    /** Each limit that can answer 429 (or refuse a socket). */
    public enum Limit {
        VISITOR_MESSAGES_PER_ID, VISITOR_MESSAGES_PER_IP, NEW_SOCKET_IDS_PER_IP, WIDGET_SESSIONS_PER_IP,
        FOLLOWUPS_PER_ID, LOGIN
    }

    /** Who signs the webhooks the server checks. */
    public enum WebhookSource { TWILIO, MESSENGER }

    /** What retention removes: replayable stream events, and history (archived followups, closed conversations). */
    public enum Pruned { STREAM_EVENTS, FOLLOWUPS, CONVERSATIONS, MESSAGES }

    private final PrometheusMeterRegistry registry;
    private final Map<String, Map<String, Counter>> messages = new ConcurrentHashMap<>();
    private final Timer messageCommit;
    private final DistributionSummary writerBatchSize;
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
    private final Map<Limit, Counter> rateLimited = new EnumMap<>(Limit.class);
    private final Map<WebhookSource, Counter> webhookRejected = new EnumMap<>(WebhookSource.class);
    private final Map<Pruned, Counter> pruned = new EnumMap<>(Pruned.class);
    private final Map<String, Counter> deliveryFailures = new ConcurrentHashMap<>();
    private final Counter loginFailures;
    private final Map<String, Timer> httpRequests = new ConcurrentHashMap<>();

    public ServerMetrics(String version, String nodeId) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (String channel : Channels.ALL) {
            for (String sender : SENDERS) {
                messageCounter(channel, sender);
            }
        }
        this.messageCommit = Timer.builder("omnichat.message.commit")
                .description("From the moment the server takes a message to the commit that makes it durable")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
                        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
                        Duration.ofSeconds(5))
                .register(registry);
        this.writerBatchSize = DistributionSummary.builder("omnichat.writer.batch.size")
                .description("Units of work committed together by the single writer")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, Counter.builder("omnichat.stream.dropped").tag("reason", label(reason))
                    .description("Sockets the server closed: too slow to read, or over the connection cap")
                    .register(registry));
        }
        for (Limit limit : Limit.values()) {
            rateLimited.put(limit, Counter.builder("omnichat.rate.limited").tag("limit", label(limit))
                    .description("Requests and sockets refused by a rate limit").register(registry));
        }
        for (WebhookSource source : WebhookSource.values()) {
            webhookRejected.put(source, Counter.builder("omnichat.webhook.rejected").tag("source", label(source))
                    .description("Webhook requests refused for a bad signature").register(registry));
        }
        for (Pruned kind : Pruned.values()) {
            pruned.put(kind, Counter.builder("omnichat.retention.pruned").tag("kind", label(kind))
                    .description("Rows removed by retention: stream events by age, history by an admin's purge")
                    .register(registry));
        }
        DELIVERY_CHANNELS.forEach(this::deliveryFailureCounter);
        this.loginFailures = Counter.builder("omnichat.login.failures")
                .description("Sign-ins refused for a wrong email, password, role or a disabled team").register(registry);
        Gauge.builder("omnichat.build.info", () -> 1)
                .description("Always 1; the labels name the running build")
                .tags("version", version, "node", nodeId)
                .register(registry);
    }

    /** For binders (JVM, process, Jetty) and for gauges read at scrape time. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    public void messageStored(String channel, String sender) {
        Map<String, Counter> bySender = messages.get(channel);
        Counter counter = bySender == null ? null : bySender.get(sender);
        (counter != null ? counter : messageCounter(channel, sender)).increment();
    }

    /** A message taken at {@code startedNanos} ({@link System#nanoTime()}) has just committed. */
    public void messageCommitted(long startedNanos) {
        messageCommit.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    public void writerBatch(int units) {
        writerBatchSize.record(units);
    }

    public void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    public void rateLimited(Limit limit) {
        rateLimited.get(limit).increment();
    }

    public void webhookRejected(WebhookSource source) {
        webhookRejected.get(source).increment();
    }

    public void pruned(Pruned kind, long rows) {
        if (rows > 0) {
            pruned.get(kind).increment(rows);
        }
    }

    /** How many rows of this kind retention has removed since the server started. */
    public long prunedSoFar(Pruned kind) {
        return (long) pruned.get(kind).count();
    }

    public void deliveryFailed(String channel) {
        Counter counter = deliveryFailures.get(channel);
        (counter != null ? counter : deliveryFailureCounter(channel)).increment();
    }

    public void loginFailed() {
        loginFailures.increment();
    }

    /**
     * One HTTP request: {@code route} is the template Javalin matched, so the label set stays as small as the route
     * table (plus "unmatched").
     */
    public void httpRequest(String method, String route, int status, double millis) {
        String key = method + ' ' + route + ' ' + status;
        Timer timer = httpRequests.get(key);
        if (timer == null) {
            timer = httpRequests.computeIfAbsent(key, k -> Timer.builder("omnichat.http.requests")
                    .tags("method", method, "route", route, "status", Integer.toString(status))
                    .description("HTTP requests by route template and status").register(registry));
        }
        timer.record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** Open sockets of a kind, counted at scrape time from whoever holds them. */
    public void streamConnections(StreamKind kind, Supplier<Number> open) {
        Gauge.builder("omnichat.stream.connections", open).tag("kind", label(kind))
                .description("Open, signed-in sockets").strongReference(true).register(registry);
    }

    /** Outbound parts still waiting for their provider, read at scrape time. */
    public void outboxPending(Supplier<Map<String, Long>> pendingByChannel) {
        PendingSnapshot snapshot = new PendingSnapshot(pendingByChannel);
        for (String channel : DELIVERY_CHANNELS) {
            Gauge.builder("omnichat.delivery.outbox.pending", () -> snapshot.of(channel)).tag("channel", channel)
                    .description("Outbound message parts waiting to be handed to their provider")
                    .strongReference(true).register(registry);
        }
    }

    public void close() {
        registry.close();
    }

    private Counter messageCounter(String channel, String sender) {
        return messages.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).computeIfAbsent(sender,
                s -> Counter.builder("omnichat.messages").tags(Tags.of("channel", channel, "sender", sender))
                        .description("Messages stored, by channel and sender").register(registry));
    }

    private Counter deliveryFailureCounter(String channel) {
        return deliveryFailures.computeIfAbsent(channel, c -> Counter.builder("omnichat.delivery.failures")
                .tag("channel", c).description("Outbound parts that failed for good").register(registry));
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /**
     * One query answers every channel's gauge of a scrape: the first gauge read refreshes it, the others within the
     * same second reuse it.
     */
    private static final class PendingSnapshot {
        private final Supplier<Map<String, Long>> source;
        private Map<String, Long> last = Map.of();
        private long readAtNanos;
        private boolean read;

        PendingSnapshot(Supplier<Map<String, Long>> source) {
            this.source = source;
        }

        synchronized long of(String channel) {
            if (!read || System.nanoTime() - readAtNanos > TimeUnit.SECONDS.toNanos(1)) {
                last = source.get();
                readAtNanos = System.nanoTime();
                read = true;
            }
            return last.getOrDefault(channel, 0L);
        }
    }
}
