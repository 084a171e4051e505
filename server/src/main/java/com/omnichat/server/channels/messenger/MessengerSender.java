package com.omnichat.server.channels.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Channels;
import com.omnichat.server.channels.delivery.ChannelAccounts;
import com.omnichat.server.channels.delivery.DeliveryService;
import com.omnichat.server.channels.delivery.DeliveryStatus;
import com.omnichat.server.channels.delivery.MessengerPage;
import com.omnichat.server.channels.delivery.OutboxRow;
import com.omnichat.server.channels.delivery.ProviderSender;
import com.omnichat.server.channels.delivery.SendOutcome;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends Messenger parts through the Graph Send API (PROTOCOL.md §D.3): a standard reply within 24 hours of the
 * contact's last message, the human-agent tag up to 7 days, nothing after that.
 */
public final class MessengerSender implements ProviderSender {
    static final Duration STANDARD_WINDOW = Duration.ofHours(24);
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);

    private final ChannelAccounts accounts;
    private final DeliveryService deliveries;
    private final String graphBaseUrl;
    private final String graphVersion;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Clock clock;

    public MessengerSender(ChannelAccounts accounts, DeliveryService deliveries, String graphBaseUrl,
                           String graphVersion, ObjectMapper json, HttpClient http, Clock clock) {
        this.accounts = accounts;
        this.deliveries = deliveries;
        this.graphBaseUrl = graphBaseUrl;
        this.graphVersion = graphVersion;
        this.json = json;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Set<String> channels() {
        return Set.of(Channels.MESSENGER);
    }

    @Override
    public SendOutcome send(OutboxRow row) {
        Optional<MessengerPage> configured = accounts.messengerFor(row.tenantId()).filter(MessengerPage::canSend);
        if (configured.isEmpty()) {
            return new SendOutcome.Refused("not_configured", "Messenger is not configured for this team");
        }
        MessengerPage page = configured.get();
        Optional<Instant> lastContact = row.isAlert() ? Optional.empty() : deliveries.lastContactMessageAt(row.messageId());
        Duration since = lastContact.map(at -> Duration.between(at, clock.instant())).orElse(Duration.ZERO);
        if (since.compareTo(HUMAN_AGENT_WINDOW) > 0) {
            return new SendOutcome.Refused("outside_messaging_window",
                    "More than 7 days since the contact's last message");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipient", Map.of("id", row.recipient()));
        if (since.compareTo(STANDARD_WINDOW) > 0) {
            body.put("messaging_type", "MESSAGE_TAG");
            body.put("tag", "HUMAN_AGENT");
        } else {
            body.put("messaging_type", "RESPONSE");
        }
        body.put("message", Map.of("text", row.body()));
        String url = graphBaseUrl + "/" + graphVersion + "/me/messages?access_token="
                + URLEncoder.encode(page.pageAccessToken(), StandardCharsets.UTF_8) + "&appsecret_proof="
                + MetaSignature.appSecretProof(page.appSecret(), page.pageAccessToken());
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return outcome(response.statusCode(), response.body());
        } catch (IOException e) {
            return new SendOutcome.TryLater("network_error", "The Send API could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.TryLater("interrupted", "Sending was interrupted");
        }
    }

    private SendOutcome outcome(int status, String body) {
        JsonNode answer = parse(body);
        if (status == 200) {
            String messageId = answer.path("message_id").asText("");
            return messageId.isEmpty()
                    ? new SendOutcome.TryLater("invalid_response", "The Send API answered without a message id")
                    : new SendOutcome.HandedOff(messageId, DeliveryStatus.SENT);
        }
        if (status == 429 || status >= 500) {
            return new SendOutcome.TryLater(Integer.toString(status), "The Send API answered HTTP " + status);
        }
        JsonNode error = answer.path("error");
        String code = error.path("code").isMissingNode() ? Integer.toString(status) : error.path("code").asText();
        return new SendOutcome.Refused(code, error.path("message").asText("The Send API refused the message"));
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
