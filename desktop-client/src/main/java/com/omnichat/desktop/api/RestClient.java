package com.omnichat.desktop.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.MessageView;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The staff REST API of /api/v1 for conversations, messages and users; see {@link HttpJson} for how calls behave. */
public final class RestClient {
    private final HttpJson api;

    public RestClient(String baseUrl, String token, OkHttpClient http, ObjectMapper json) {
        this.api = new HttpJson(baseUrl, token, http, json);
    }

    /** A server URL as typed by a person: {@code localhost:8000} means {@code http://localhost:8000}. */
    public static HttpUrl parseBase(String baseUrl) {
        return HttpJson.parseBase(baseUrl);
    }

    /** Signs in with email and password; returns the access token. */
    public static String login(String baseUrl, String email, String password, OkHttpClient http, ObjectMapper json) {
        HttpJson anonymous = new HttpJson(baseUrl, null, http, json);
        RequestBody form = new FormBody.Builder().add("username", email).add("password", password).build();
        return anonymous.postForm("/api/v1/auth/login", form).path("access_token").asText();
    }

    /** The same server and token, for the clients of other features. */
    public HttpJson http() {
        return api;
    }

    public String baseUrl() {
        return api.baseUrl();
    }

    public String token() {
        return api.token();
    }

    public StaffIdentity me() {
        JsonNode body = api.get("/api/v1/auth/me", Map.of());
        return new StaffIdentity(body.path("id").asLong(), body.path("tenant_id").asLong(), body.path("email").asText(),
                body.path("name").asText(), body.path("role").asText());
    }

    public void logout() {
        api.post("/api/v1/auth/logout", Map.of());
    }

    public ConversationPage conversations(String cursor, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        JsonNode body = api.get("/api/v1/conversations", query);
        List<ConversationView> data = new ArrayList<>(body.path("data").size());
        body.path("data").forEach(node -> data.add(api.convert(node, ConversationView.class)));
        String next = body.path("next_cursor").isTextual() ? body.path("next_cursor").asText() : null;
        return new ConversationPage(data, next, body.path("stream_seq").asLong());
    }

    /** Conversations whose contact, id or any message matches {@code text} (at least 2 characters), newest first. */
    public List<ConversationView> search(String text, int limit) {
        JsonNode body = api.get("/api/v1/conversations", Map.of("q", text, "limit", Integer.toString(limit)));
        List<ConversationView> data = new ArrayList<>(body.path("data").size());
        body.path("data").forEach(node -> data.add(api.convert(node, ConversationView.class)));
        return data;
    }

    public ConversationView conversation(String id) {
        return api.convert(api.get("/api/v1/conversations/" + id, Map.of()), ConversationView.class);
    }

    /** The newest page when {@code beforeSeq} is null, else the page just before it. */
    public MessagePage messages(String conversationId, Long beforeSeq, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        if (beforeSeq != null) {
            query.put("before_seq", Long.toString(beforeSeq));
        }
        JsonNode body = api.get("/api/v1/conversations/" + conversationId + "/messages", query);
        List<MessageView> data = new ArrayList<>();
        body.path("data").forEach(node -> data.add(api.convert(node, MessageView.class)));
        return new MessagePage(data, body.path("has_more").asBoolean(), body.path("stream_seq").asLong());
    }

    /** Sends a reply; repeating it with the same client id is safe (the server answers with the stored message). */
    public MessageView send(String conversationId, String clientId, String text) {
        return api.convert(api.post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("client_id", clientId, "text", text)), MessageView.class);
    }

    /** PATCH with {@code status} and/or {@code assignee_id} (a null value unassigns). */
    public ConversationView update(String conversationId, Map<String, Object> changes) {
        return api.convert(api.patch("/api/v1/conversations/" + conversationId, changes), ConversationView.class);
    }

    public void markRead(String conversationId, long seq) {
        api.post("/api/v1/conversations/" + conversationId + "/read", Map.of("seq", seq));
    }

    public List<StaffUser> users() {
        JsonNode body = api.get("/api/v1/users", Map.of());
        List<StaffUser> users = new ArrayList<>();
        body.path("data").forEach(node -> users.add(api.convert(node, StaffUser.class)));
        return users;
    }

    public CreatedUser createUser(String email, String name, String role) {
        JsonNode body = api.post("/api/v1/users", Map.of("email", email, "name", name, "role", role));
        return new CreatedUser(api.convert(body, StaffUser.class), HttpJson.textOrNull(body, "initial_password"));
    }

    public StaffUser updateUser(String id, Map<String, Object> changes) {
        return api.convert(api.patch("/api/v1/users/" + id, changes), StaffUser.class);
    }

    /** Resets a user's password to a generated one; returns it. */
    public String resetPassword(String id) {
        return HttpJson.textOrNull(api.post("/api/v1/users/" + id + "/password", Map.of()), "initial_password");
    }
}
