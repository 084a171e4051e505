package com.omnichat.server.support;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Twilio's Messages API ({@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}): checks
 * HTTP basic auth against the accounts it knows, answers 201 with a message resource, or an error the test scripts
 * (Twilio's error shape {@code {code, message, more_info, status}}), and records every request.
 */
public final class FakeTwilio implements AutoCloseable {
    public record Request(String accountSid, String username, String password, Map<String, String> form) {
    }

    private final LocalHttpApi http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final RecordedRequests<Request> requests = new RecordedRequests<>("the fake Twilio API");
    private final AtomicInteger sids = new AtomicInteger();

    private FakeTwilio() {
        this.http = LocalHttpApi.start("/2010-04-01/Accounts/", this::handle);
    }

    public static FakeTwilio start() {
        return new FakeTwilio();
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    public FakeTwilio account(String accountSid, String authToken) {
        tokens.put(accountSid, authToken);
        return this;
    }

    /** The next send is refused the way Twilio refuses it, e.g. 400 with code 21610 (recipient opted out). */
    public void refuseNext(int status, int code, String message) {
        http.answerNext(status, "{\"code\":" + code + ",\"message\":\"" + message
                + "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}");
    }

    /** The next send gets a server error (Twilio has a bad moment). */
    public void failNext(int status) {
        http.answerNext(status, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":" + status + "}");
    }

    /** The next request the server made, waiting up to 15 s. */
    public Request next() {
        return requests.next();
    }

    public int waiting() {
        return requests.waiting();
    }

    /** Forgets recorded requests and scripted answers left over by an earlier test. */
    public void reset() {
        requests.clear();
        http.forgetScripted();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] segments = path.split("/");
        if (!exchange.getRequestMethod().equals("POST") || segments.length != 5 || !segments[4].equals("Messages.json")) {
            LocalHttpApi.respondJson(exchange, 404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
            return;
        }
        String accountSid = segments[3];
        String[] credentials = basicAuth(exchange.getRequestHeaders().getFirst("Authorization"));
        Map<String, String> form = LocalHttpApi.form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        boolean authenticated = accountSid.equals(credentials[0]) && credentials[1].equals(tokens.get(accountSid));
        Optional<LocalHttpApi.Answer> scripted = authenticated ? http.takeScripted() : Optional.empty();
        requests.add(new Request(accountSid, credentials[0], credentials[1], form));
        if (!authenticated) {
            LocalHttpApi.respondJson(exchange, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
            return;
        }
        if (scripted.isPresent()) {
            LocalHttpApi.respondJson(exchange, scripted.get());
            return;
        }
        String sid = String.format("SM%032x", sids.incrementAndGet());
        LocalHttpApi.respondJson(exchange, 201, "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + accountSid + "\",\"status\":\"queued\","
                + "\"to\":\"" + form.get("To") + "\",\"num_segments\":\"1\",\"error_code\":null,\"error_message\":null}");
    }

    private static String[] basicAuth(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return new String[]{"", ""};
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? new String[]{decoded, ""} : new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    @Override
    public void close() {
        http.close();
    }
}
