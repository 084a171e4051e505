package com.omnichat.desktop.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.MessageView;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The staff REST API of /api/v1 over OkHttp. Calls block; callers run them off the UI thread. Every failure arrives
 * as an {@link ApiFailure}.
 */
public final class RestClient {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final HttpUrl base;
    private final String token;
    private final OkHttpClient http;
    private final ObjectMapper json;

    public RestClient(String baseUrl, String token, OkHttpClient http, ObjectMapper json) {
        this.base = parseBase(baseUrl);
        this.token = token;
        this.http = http;
        this.json = json;
    }

    /** A server URL as typed by a person: {@code localhost:8000} means {@code http://localhost:8000}. */
    public static HttpUrl parseBase(String baseUrl) {
        String text = baseUrl == null ? "" : baseUrl.trim();
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            text = "http://" + text;
        }
        HttpUrl url = HttpUrl.parse(text);
        if (url == null || text.length() <= "http://".length()) {
            throw new ApiFailure(ApiFailure.Kind.REJECTED, 0, "bad_url", "That is not a server address", null);
        }
        return url;
    }

    /** Signs in with email and password; returns the access token. */
    public static String login(String baseUrl, String email, String password, OkHttpClient http, ObjectMapper json) {
        RestClient anonymous = new RestClient(baseUrl, null, http, json);
        RequestBody form = new FormBody.Builder().add("username", email).add("password", password).build();
        JsonNode body = anonymous.call(anonymous.request("/api/v1/auth/login").post(form).build());
        return body.path("access_token").asText();
    }

    public String baseUrl() {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String token() {
        return token;
    }

    public StaffIdentity me() {
        JsonNode body = get("/api/v1/auth/me", Map.of());
        return new StaffIdentity(body.path("id").asLong(), body.path("tenant_id").asLong(), body.path("email").asText(),
                body.path("name").asText(), body.path("role").asText());
    }

    public void logout() {
        call(request("/api/v1/auth/logout").post(RequestBody.create(new byte[0])).build());
    }

    public ConversationPage conversations(String cursor, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        JsonNode body = get("/api/v1/conversations", query);
        List<ConversationView> data = new ArrayList<>(body.path("data").size());
        body.path("data").forEach(node -> data.add(convert(node, ConversationView.class)));
        String next = body.path("next_cursor").isTextual() ? body.path("next_cursor").asText() : null;
        return new ConversationPage(data, next, body.path("stream_seq").asLong());
    }

    public ConversationView conversation(String id) {
        return convert(get("/api/v1/conversations/" + id, Map.of()), ConversationView.class);
    }

    /** The newest page when {@code beforeSeq} is null, else the page just before it. */
    public MessagePage messages(String conversationId, Long beforeSeq, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        if (beforeSeq != null) {
            query.put("before_seq", Long.toString(beforeSeq));
        }
        JsonNode body = get("/api/v1/conversations/" + conversationId + "/messages", query);
        List<MessageView> data = new ArrayList<>();
        body.path("data").forEach(node -> data.add(convert(node, MessageView.class)));
        return new MessagePage(data, body.path("has_more").asBoolean(), body.path("stream_seq").asLong());
    }

    /** Sends a reply; repeating it with the same client id is safe (the server answers with the stored message). */
    public MessageView send(String conversationId, String clientId, String text) {
        return convert(post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("client_id", clientId, "text", text)), MessageView.class);
    }

    /** PATCH with {@code status} and/or {@code assignee_id} (a null value unassigns). */
    public ConversationView update(String conversationId, Map<String, Object> changes) {
        return convert(send("PATCH", "/api/v1/conversations/" + conversationId, changes), ConversationView.class);
    }

    public void markRead(String conversationId, long seq) {
        post("/api/v1/conversations/" + conversationId + "/read", Map.of("seq", seq));
    }

    public List<StaffUser> users() {
        JsonNode body = get("/api/v1/users", Map.of());
        List<StaffUser> users = new ArrayList<>();
        body.path("data").forEach(node -> users.add(convert(node, StaffUser.class)));
        return users;
    }

    public CreatedUser createUser(String email, String name, String role) {
        JsonNode body = post("/api/v1/users", Map.of("email", email, "name", name, "role", role));
        return new CreatedUser(convert(body, StaffUser.class), textOrNull(body, "initial_password"));
    }

    public StaffUser updateUser(String id, Map<String, Object> changes) {
        return convert(send("PATCH", "/api/v1/users/" + id, changes), StaffUser.class);
    }

    /** Resets a user's password to a generated one; returns it. */
    public String resetPassword(String id) {
        return textOrNull(post("/api/v1/users/" + id + "/password", Map.of()), "initial_password");
    }

    private JsonNode get(String path, Map<String, String> query) {
        HttpUrl.Builder url = url(path).newBuilder();
        query.forEach(url::addQueryParameter);
        return call(authorized(new Request.Builder().url(url.build())).get().build());
    }

    private JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    private JsonNode send(String method, String path, Object body) {
        try {
            RequestBody requestBody = RequestBody.create(json.writeValueAsBytes(body), JSON_TYPE);
            return call(request(path).method(method, requestBody).build());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Request.Builder request(String path) {
        return authorized(new Request.Builder().url(url(path)));
    }

    private Request.Builder authorized(Request.Builder builder) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpUrl url(String path) {
        return base.resolve(path);
    }

    private JsonNode call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            JsonNode node = text.isBlank() ? json.createObjectNode() : parse(text);
            if (response.isSuccessful()) {
                return node;
            }
            throw failure(response.code(), node);
        } catch (IOException e) {
            throw ApiFailure.unreachable(baseUrl(), e);
        }
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }

    private static ApiFailure failure(int status, JsonNode body) {
        JsonNode error = body.path("error");
        String code = error.path("code").asText("http_" + status);
        String message = error.path("message").isTextual() ? error.path("message").asText()
                : body.path("detail").isTextual() ? body.path("detail").asText() : "The server answered " + status;
        ApiFailure.Kind kind = switch (status) {
            case 401 -> code.equals("invalid_credentials") ? ApiFailure.Kind.INVALID_CREDENTIALS : ApiFailure.Kind.UNAUTHENTICATED;
            case 403 -> ApiFailure.Kind.FORBIDDEN;
            case 404 -> ApiFailure.Kind.NOT_FOUND;
            case 429 -> ApiFailure.Kind.RATE_LIMITED;
            default -> status >= 500 ? ApiFailure.Kind.SERVER : ApiFailure.Kind.REJECTED;
        };
        return new ApiFailure(kind, status, code, message, null);
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        return json.convertValue(node, type);
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }
}
