package com.omnichat.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Expo push API: a JSON array of messages POSTed to {@code EXPO_PUSH_URL}, answered with one ticket per message
 * in {@code data}. Network errors, 429 and 5xx are retried twice with a pause; message texts are never logged.
 */
public final class ExpoPushSender implements PushSender {
    private static final Logger LOG = LoggerFactory.getLogger(ExpoPushSender.class);
    private static final List<Duration> RETRY_PAUSES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(4));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI url;
    private final Optional<String> accessToken;
    private final ObjectMapper json;

    public ExpoPushSender(URI url, Optional<String> accessToken, ObjectMapper json) {
        this.url = url;
        this.accessToken = accessToken;
        this.json = json;
    }

    @Override
    public List<Outcome> send(List<PushMessage> messages) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(messages)));
        accessToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return outcomes(response.body(), messages.size());
                }
                boolean retryable = response.statusCode() == 429 || response.statusCode() >= 500;
                LOG.warn("Expo push answered {} for {} notifications", response.statusCode(), messages.size());
                if (!retryable || attempt == RETRY_PAUSES.size()) {
                    return Collections.nCopies(messages.size(), Outcome.FAILED);
                }
            } catch (IOException e) {
                LOG.warn("Expo push unreachable: {}", e.getClass().getSimpleName());
                if (attempt == RETRY_PAUSES.size()) {
                    return Collections.nCopies(messages.size(), Outcome.FAILED);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Collections.nCopies(messages.size(), Outcome.FAILED);
            }
            try {
                Thread.sleep(RETRY_PAUSES.get(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Collections.nCopies(messages.size(), Outcome.FAILED);
            }
        }
    }

    private String body(List<PushMessage> messages) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (PushMessage m : messages) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("to", m.to());
            item.put("sound", "default");
            item.put("title", m.title());
            item.put("body", m.body());
            item.put("data", m.data());
            item.put("priority", "high");
            item.put("channelId", "dwc-admin-messages");
            items.add(item);
        }
        try {
            return json.writeValueAsString(items);
        } catch (IOException e) {
            throw new IllegalStateException("Push messages are not serialisable", e);
        }
    }

    private List<Outcome> outcomes(String body, int count) {
        List<Outcome> outcomes = new ArrayList<>(Collections.nCopies(count, Outcome.FAILED));
        try {
            JsonNode tickets = json.readTree(body).path("data");
            for (int i = 0; i < Math.min(count, tickets.size()); i++) {
                JsonNode ticket = tickets.get(i);
                if ("ok".equals(ticket.path("status").asText())) {
                    outcomes.set(i, Outcome.SENT);
                } else if ("DeviceNotRegistered".equals(ticket.path("details").path("error").asText())) {
                    outcomes.set(i, Outcome.DEVICE_NOT_REGISTERED);
                }
            }
        } catch (IOException e) {
            LOG.warn("Expo push answered something that is not JSON");
        }
        return outcomes;
    }
}
