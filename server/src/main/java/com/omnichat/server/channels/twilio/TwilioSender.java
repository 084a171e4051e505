package com.omnichat.server.channels.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Channels;
import com.omnichat.server.channels.delivery.ChannelAccounts;
import com.omnichat.server.channels.delivery.DeliveryStatus;
import com.omnichat.server.channels.delivery.OutboxRow;
import com.omnichat.server.channels.delivery.ProviderSender;
import com.omnichat.server.channels.delivery.SendOutcome;
import com.omnichat.server.channels.delivery.TwilioAccount;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Sends SMS and WhatsApp parts through Twilio's Messages API (PROTOCOL.md §D.2). */
public final class TwilioSender implements ProviderSender {
    private static final String WHATSAPP_PREFIX = "whatsapp:";

    private final ChannelAccounts accounts;
    private final String apiBaseUrl;
    private final Optional<String> publicBaseUrl;
    private final ObjectMapper json;
    private final HttpClient http;

    public TwilioSender(ChannelAccounts accounts, String apiBaseUrl, Optional<String> publicBaseUrl, ObjectMapper json,
                        HttpClient http) {
        this.accounts = accounts;
        this.apiBaseUrl = apiBaseUrl;
        this.publicBaseUrl = publicBaseUrl;
        this.json = json;
        this.http = http;
    }

    @Override
    public Set<String> channels() {
        return Set.of(Channels.SMS, Channels.WHATSAPP);
    }

    @Override
    public SendOutcome send(OutboxRow row) {
        Optional<TwilioAccount> configured = accounts.twilioFor(row.tenantId()).filter(TwilioAccount::canSend);
        if (configured.isEmpty()) {
            return new SendOutcome.Refused("not_configured", "Twilio is not configured for this team");
        }
        TwilioAccount account = configured.get();
        Map<String, String> form = new LinkedHashMap<>();
        boolean whatsapp = row.channel().equals(Channels.WHATSAPP);
        form.put("To", whatsapp && !row.recipient().startsWith(WHATSAPP_PREFIX)
                ? WHATSAPP_PREFIX + row.recipient() : row.recipient());
        if (account.messagingServiceSid() != null) {
            form.put("MessagingServiceSid", account.messagingServiceSid());
        } else {
            form.put("From", whatsapp ? WHATSAPP_PREFIX + account.whatsappSender() : account.smsNumber());
        }
        form.put("Body", row.body());
        publicBaseUrl.ifPresent(base -> form.put("StatusCallback", base + "/twilio/status"));
        String credentials = Base64.getEncoder().encodeToString(
                (account.accountSid() + ":" + account.authToken()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBaseUrl + "/2010-04-01/Accounts/"
                        + URLEncoder.encode(account.accountSid(), StandardCharsets.UTF_8) + "/Messages.json"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return outcome(response.statusCode(), response.body());
        } catch (IOException e) {
            return new SendOutcome.TryLater("network_error", "Twilio could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.TryLater("interrupted", "Sending was interrupted");
        }
    }

    private SendOutcome outcome(int status, String body) {
        JsonNode answer = parse(body);
        if (status == 200 || status == 201) {
            String sid = answer.path("sid").asText("");
            if (sid.isEmpty()) {
                return new SendOutcome.TryLater("invalid_response", "Twilio answered without a message sid");
            }
            String mapped = DeliveryStatus.fromTwilio(answer.path("status").asText(null));
            return new SendOutcome.HandedOff(sid, mapped == null || DeliveryStatus.isFinalFailure(mapped)
                    ? DeliveryStatus.QUEUED : mapped);
        }
        if (status == 429 || status >= 500) {
            return new SendOutcome.TryLater(Integer.toString(status), "Twilio answered HTTP " + status);
        }
        String code = answer.path("code").isMissingNode() || answer.path("code").isNull()
                ? Integer.toString(status) : answer.path("code").asText();
        String message = answer.path("message").asText("Twilio refused the message (HTTP " + status + ")");
        return new SendOutcome.Refused(code, message);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
