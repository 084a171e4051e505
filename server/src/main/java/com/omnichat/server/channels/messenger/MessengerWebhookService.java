package com.omnichat.server.channels.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Channels;
import com.omnichat.protocol.Timestamps;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.channels.delivery.ChannelAccounts;
import com.omnichat.server.channels.delivery.DeliveryService;
import com.omnichat.server.channels.delivery.DeliveryStatus;
import com.omnichat.server.channels.delivery.MessengerPage;
import com.omnichat.server.channels.delivery.OutboxRow;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.limits.WebhookLimits;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.TenantStore;
import com.omnichat.server.text.ExternalIdRule;
import com.omnichat.server.text.UnicodeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Messenger webhook (PROTOCOL.md §D.3): the subscription handshake, and signed event batches whose messages and
 * postbacks become contact messages and whose delivery receipts mark sent parts delivered.
 */
public final class MessengerWebhookService {
    private static final Logger LOG = LoggerFactory.getLogger(MessengerWebhookService.class);
    static final String INVALID_SIGNATURE = "Invalid signature";

    private final ChannelAccounts accounts;
    private final ConversationService conversations;
    private final DeliveryService deliveries;
    private final Database db;
    private final TenantStore tenants;
    private final AuditLog audit;
    private final WebhookLimits limits;
    private final ObjectMapper json;
    private final int maxMessageChars;
    private final Clock clock;
    private final ServerMetrics metrics;

    public MessengerWebhookService(ChannelAccounts accounts, ConversationService conversations,
                                   DeliveryService deliveries, Database db, TenantStore tenants, AuditLog audit,
                                   WebhookLimits limits, ObjectMapper json, int maxMessageChars, Clock clock,
                                   ServerMetrics metrics) {
        this.accounts = accounts;
        this.conversations = conversations;
        this.deliveries = deliveries;
        this.db = db;
        this.tenants = tenants;
        this.audit = audit;
        this.limits = limits;
        this.json = json;
        this.maxMessageChars = maxMessageChars;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The challenge to echo when the handshake names a known verify token; empty otherwise. */
    public Optional<String> verify(String mode, String verifyToken, String challenge) {
        if ("subscribe".equals(mode) && challenge != null && accounts.isMessengerVerifyToken(verifyToken)) {
            return Optional.of(challenge);
        }
        return Optional.empty();
    }

    /** Checks the signature over the raw bytes, then stores what the batch says. */
    public void receive(byte[] rawBody, String signatureHeader, String ip) {
        JsonNode root;
        try {
            root = json.readTree(rawBody);
        } catch (IOException e) {
            throw new ApiException(400, "malformed_json", "Malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "malformed_json", "The body must be a JSON object");
        }
        if (!"page".equals(root.path("object").asText())) {
            return;
        }
        JsonNode entries = root.path("entry");
        if (!entries.isArray() || entries.isEmpty()) {
            return;
        }
        Optional<MessengerPage> first = accounts.messengerByPageId(entries.get(0).path("id").asText(null));
        if (first.isEmpty()) {
            LOG.warn("Messenger event for an unknown page skipped");
            return;
        }
        String secret = first.get().appSecret();
        if (secret == null || !MetaSignature.verify(secret, rawBody, signatureHeader)) {
            reject(first.get().tenantId(), ip);
            throw new ApiException(403, "forbidden", INVALID_SIGNATURE);
        }
        for (JsonNode entry : entries) {
            Optional<MessengerPage> page = accounts.messengerByPageId(entry.path("id").asText(null));
            if (page.isEmpty() || !Objects.equals(page.get().appSecret(), secret)) {
                LOG.warn("Messenger entry for an unknown page or another app skipped");
                continue;
            }
            if (!db.read(c -> tenants.isEnabled(c, page.get().tenantId()))) {
                continue;
            }
            for (JsonNode item : entry.path("messaging")) {
                handle(page.get(), item);
            }
        }
    }

    private void handle(MessengerPage page, JsonNode item) {
        JsonNode message = item.path("message");
        if (message.path("is_echo").asBoolean(false) || item.has("read") || item.has("reaction")) {
            return;
        }
        if (item.has("delivery")) {
            for (JsonNode mid : item.path("delivery").path("mids")) {
                deliveries.byProviderId(mid.asText()).filter(part -> part.tenantId() == page.tenantId())
                        .ifPresent(part -> deliveries.report(part, DeliveryStatus.DELIVERED, null, null));
            }
            return;
        }
        String sender = item.path("sender").path("id").asText("");
        if (ExternalIdRule.problem(sender).isPresent()) {
            return;
        }
        String text;
        String providerId;
        if (item.has("message")) {
            text = messageText(message);
            providerId = message.path("mid").asText(null);
        } else if (item.has("postback")) {
            text = UnicodeText.clip(UnicodeText.repaired(item.path("postback").path("title").asText("").trim()),
                    maxMessageChars);
            providerId = item.path("postback").path("mid").asText(null);
        } else {
            return;
        }
        if (text.isBlank()) {
            return;
        }
        conversations.receiveFromContact(page.tenantId(), Channels.MESSENGER, sender, text, providerId);
    }

    /** The text plus one {@code [attachment: <type>] <url>} line per attachment, within the message limit. */
    private String messageText(JsonNode message) {
        StringBuilder text = new StringBuilder(message.path("text").asText("").trim());
        for (JsonNode attachment : message.path("attachments")) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append("[attachment: ").append(attachment.path("type").asText("file")).append("] ")
                    .append(attachment.path("payload").path("url").asText(""));
        }
        return UnicodeText.clip(UnicodeText.repaired(text.toString().strip()), maxMessageChars);
    }

    /** Counts the refusal against the caller's address (429 past the limit), then audits it merged per minute. */
    private void reject(long tenantId, String ip) {
        metrics.webhookRejected(ServerMetrics.WebhookSource.MESSENGER);
        limits.badSignature(ip);
        db.writer().execute(tx -> {
            audit.recordRepeatFromAnyAddress(tx.connection(), new AuditEntry(tenantId, "webhook.rejected", "provider", null, "Messenger",
                    null, null, ip, Map.of("route", "/webhooks/messenger", "reason", "invalid_signature")),
                    Timestamps.toMicros(clock.instant()));
            return null;
        });
    }
}
