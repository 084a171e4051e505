package com.omnichat.server.channels.twilio;

import com.omnichat.protocol.Channels;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.channels.delivery.ChannelAccounts;
import com.omnichat.server.channels.delivery.DeliveryService;
import com.omnichat.server.channels.delivery.DeliveryStatus;
import com.omnichat.server.channels.delivery.OutboxRow;
import com.omnichat.server.channels.delivery.TwilioAccount;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.limits.WebhookLimits;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.storage.Database;
import com.omnichat.protocol.Timestamps;
import com.omnichat.server.tenants.TenantStore;
import com.omnichat.server.text.ExternalIdRule;
import com.omnichat.server.text.UnicodeText;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's webhooks (PROTOCOL.md §D.1, §D.2): an inbound SMS or WhatsApp message becomes a contact message of the
 * tenant owning the number, and a status callback moves the delivery of the part it names. Nothing is stored for a
 * request whose signature does not check out.
 */
public final class TwilioWebhookService {
    static final String INVALID_SIGNATURE = "Invalid Twilio signature";
    private static final String WHATSAPP_PREFIX = "whatsapp:";

    private final ChannelAccounts accounts;
    private final ConversationService conversations;
    private final DeliveryService deliveries;
    private final Database db;
    private final TenantStore tenants;
    private final AuditLog audit;
    private final WebhookLimits limits;
    private final boolean development;
    private final int maxMessageChars;
    private final Clock clock;
    private final ServerMetrics metrics;

    public TwilioWebhookService(ChannelAccounts accounts, ConversationService conversations, DeliveryService deliveries,
                                Database db, TenantStore tenants, AuditLog audit, WebhookLimits limits,
                                boolean development, int maxMessageChars, Clock clock, ServerMetrics metrics) {
        this.accounts = accounts;
        this.conversations = conversations;
        this.deliveries = deliveries;
        this.db = db;
        this.tenants = tenants;
        this.audit = audit;
        this.limits = limits;
        this.development = development;
        this.maxMessageChars = maxMessageChars;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A webhook request as received: the URL Twilio signed, the form fields in order, the signature header, the caller. */
    public record Request(String signedUrl, List<TwilioSignature.Param> params, String signature, String ip) {
        Optional<String> field(String name) {
            return params.stream().filter(p -> p.name().equals(name)).map(TwilioSignature.Param::value).findFirst();
        }
    }

    /** Handles an inbound message; returns the TwiML answer. */
    public String receive(Request request) {
        String to = request.field("To").orElse("");
        String toNumber = to.startsWith(WHATSAPP_PREFIX) ? to.substring(WHATSAPP_PREFIX.length()) : to;
        TwilioAccount account = accounts.twilioByAddress(toNumber, request.field("MessagingServiceSid").orElse(null))
                .orElseThrow(() -> new ApiException(404, "not_found", "Unknown number"));
        requireSignature(account, request, "/sms");
        requireEnabled(account.tenantId());
        String from = request.field("From").map(String::trim).orElse("");
        Optional<String> badFrom = ExternalIdRule.problem(from);
        if (badFrom.isPresent()) {
            throw new ApiException(422, "validation_failed", "From " + badFrom.get());
        }
        String channel = from.startsWith(WHATSAPP_PREFIX) ? Channels.WHATSAPP : Channels.SMS;
        String text = text(request);
        if (text.isBlank()) {
            return TwiML.empty();
        }
        String messageSid = request.field("MessageSid").filter(s -> !s.isBlank()).orElse(null);
        conversations.receiveFromContact(account.tenantId(), channel, from, text, messageSid);
        if (messageSid == null) {
            return TwiML.empty();
        }
        return conversations.twimlReplyTo(account.tenantId(), channel, from, messageSid)
                .map(TwiML::message).orElse(TwiML.empty());
    }

    /** Handles a status callback: moves the named part's delivery forward. Unknown sids are answered and ignored. */
    public void statusCallback(Request request) {
        String sid = request.field("MessageSid").filter(s -> !s.isBlank())
                .orElseThrow(() -> new ApiException(422, "validation_failed", "MessageSid is required"));
        Optional<OutboxRow> part = deliveries.byProviderId(sid);
        if (part.isEmpty()) {
            return;
        }
        TwilioAccount account = accounts.twilioFor(part.get().tenantId())
                .orElse(new TwilioAccount(part.get().tenantId(), null, null, null, null, null));
        requireSignature(account, request, "/twilio/status");
        String status = DeliveryStatus.fromTwilio(request.field("MessageStatus").orElse(null));
        if (status != null) {
            deliveries.report(part.get(), status, request.field("ErrorCode").filter(s -> !s.isBlank()).orElse(null),
                    request.field("ErrorMessage").filter(s -> !s.isBlank()).orElse(null));
        }
    }

    /** Body trimmed, then one line per media item (§D.1), within the message limit. */
    private String text(Request request) {
        StringBuilder text = new StringBuilder(request.field("Body").orElse("").trim());
        int media = request.field("NumMedia").filter(n -> n.matches("\\d{1,2}")).map(Integer::parseInt).orElse(0);
        for (int i = 0; i < media; i++) {
            Optional<String> url = request.field("MediaUrl" + i);
            if (url.isPresent()) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append("[attachment: ").append(request.field("MediaContentType" + i).orElse("unknown"))
                        .append("] ").append(url.get());
            }
        }
        return UnicodeText.clip(text.toString(), maxMessageChars);
    }

    private void requireSignature(TwilioAccount account, Request request, String route) {
        boolean valid;
        if (account.authToken() != null) {
            valid = TwilioSignature.verify(account.authToken(), request.signedUrl(), request.params(), request.signature());
        } else {
            // Unsigned traffic is only for a developer's machine with no Twilio token anywhere.
            valid = development && !accounts.anyTwilioAuthToken();
        }
        if (!valid) {
            reject(account.tenantId(), route, request.ip());
            throw new ApiException(403, "forbidden", INVALID_SIGNATURE);
        }
    }

    /** Counts the refusal against the caller's address (429 past the limit), then audits it merged per minute. */
    private void reject(long tenantId, String route, String ip) {
        metrics.webhookRejected(ServerMetrics.WebhookSource.TWILIO);
        limits.badSignature(ip);
        db.writer().execute(tx -> {
            audit.recordRepeatFromAnyAddress(tx.connection(), new AuditEntry(tenantId, "webhook.rejected", "provider", null, "Twilio", null,
                    null, ip, Map.of("route", route, "reason", "invalid_signature")), Timestamps.toMicros(clock.instant()));
            return null;
        });
    }

    private void requireEnabled(long tenantId) {
        if (!db.read(c -> tenants.isEnabled(c, tenantId))) {
            throw new ApiException(403, "forbidden", "This team is disabled");
        }
    }
}
