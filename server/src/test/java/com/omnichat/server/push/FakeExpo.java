package com.omnichat.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.LocalHttpApi;
import com.omnichat.server.support.RecordedRequests;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local stand-in for the Expo push API: records every request and answers one ticket per message, as Expo does
 * ({@code {"data":[{"status":"ok","id":…}]}}), or a DeviceNotRegistered error for tokens the test names.
 */
final class FakeExpo implements AutoCloseable {
    record Received(String authorization, String contentType, JsonNode messages) {
    }

    private final LocalHttpApi http;
    private final RecordedRequests<Received> received = new RecordedRequests<>("the fake Expo push API");
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();

    FakeExpo() {
        http = LocalHttpApi.start("/--/api/v2/push/send", exchange -> {
            JsonNode messages = Api.JSON.readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), messages));
            ObjectNode answer = Api.JSON.createObjectNode();
            ArrayNode tickets = answer.putArray("data");
            int n = 0;
            for (JsonNode message : messages) {
                ObjectNode ticket = tickets.addObject();
                if (unregistered.contains(message.path("to").asText())) {
                    ticket.put("status", "error");
                    ticket.put("message", "\"" + message.path("to").asText() + "\" is not a registered push notification recipient");
                    ticket.putObject("details").put("error", "DeviceNotRegistered");
                } else {
                    ticket.put("status", "ok");
                    ticket.put("id", "ticket-" + n++);
                }
            }
            LocalHttpApi.respondJson(exchange, 200, Api.JSON.writeValueAsBytes(answer));
        });
    }

    String url() {
        return http.baseUrl() + "/--/api/v2/push/send";
    }

    void answerDeviceNotRegisteredFor(String token) {
        unregistered.add(token);
    }

    /** The next request, failing when none arrives within the wait. */
    Received next() throws InterruptedException {
        return received.next();
    }

    /** Requests until one has a message to {@code token}; returns all of them, that one last. */
    List<Received> until(String token) throws InterruptedException {
        List<Received> seen = new ArrayList<>();
        while (true) {
            Received r = next();
            seen.add(r);
            for (JsonNode m : r.messages()) {
                if (m.path("to").asText().equals(token)) {
                    return seen;
                }
            }
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
