package com.omnichat.desktop.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON over OkHttp against one server with one bearer token: the plumbing every feature's client shares. Calls block;
 * callers run them off the UI thread. Every failure arrives as an {@link ApiFailure}.
 */
public final class HttpJson {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final HttpUrl base;
    private final String token;
    private final OkHttpClient http;
    private final ObjectMapper json;

    public HttpJson(String baseUrl, String token, OkHttpClient http, ObjectMapper json) {
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

    public String baseUrl() {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String token() {
        return token;
    }

    public ObjectMapper json() {
        return json;
    }

    public OkHttpClient http() {
        return http;
    }

    public JsonNode get(String path, Map<String, String> query) {
        return call(authorized(new Request.Builder().url(url(path, query))).get().build());
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    public JsonNode patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public JsonNode send(String method, String path, Object body) {
        try {
            RequestBody requestBody = RequestBody.create(json.writeValueAsBytes(body), JSON_TYPE);
            return call(request(path).method(method, requestBody).build());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** POST of an HTML form (the sign-in route takes one, as OAuth2 password grants do). */
    public JsonNode postForm(String path, RequestBody form) {
        return call(request(path).post(form).build());
    }

    /** The path with its query, resolved against the server, e.g. for a download streamed by the caller. */
    public HttpUrl url(String path, Map<String, String> query) {
        HttpUrl.Builder url = base.resolve(path).newBuilder();
        query.forEach(url::addQueryParameter);
        return url.build();
    }

    /** A request builder for the path, with the bearer token when there is one. */
    public Request.Builder request(String path) {
        return authorized(new Request.Builder().url(base.resolve(path)));
    }

    public Request.Builder authorized(Request.Builder builder) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** Runs the request; the body as JSON when it succeeds, else an {@link ApiFailure} that says why. */
    public JsonNode call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            String text = bodyText(response);
            JsonNode node = text.isBlank() ? json.createObjectNode() : parse(text);
            if (response.isSuccessful()) {
                return node;
            }
            throw failure(response.code(), node);
        } catch (IOException e) {
            throw ApiFailure.unreachable(baseUrl(), e);
        }
    }

    /** The failure a non-2xx response stands for, read from its JSON error body. */
    public ApiFailure failure(Response response) throws IOException {
        String text = bodyText(response);
        return failure(response.code(), text.isBlank() ? json.createObjectNode() : parse(text));
    }

    public <T> T convert(JsonNode node, Class<T> type) {
        return json.convertValue(node, type);
    }

    public static String textOrNull(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }

    private static String bodyText(Response response) throws IOException {
        ResponseBody body = response.body();
        return body == null ? "" : body.string();
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
            case 401 -> code.equals("invalid_credentials")
                    ? ApiFailure.Kind.INVALID_CREDENTIALS : ApiFailure.Kind.UNAUTHENTICATED;
            case 403 -> ApiFailure.Kind.FORBIDDEN;
            case 404 -> ApiFailure.Kind.NOT_FOUND;
            case 429 -> ApiFailure.Kind.RATE_LIMITED;
            default -> status >= 500 ? ApiFailure.Kind.SERVER : ApiFailure.Kind.REJECTED;
        };
        return new ApiFailure(kind, status, code, message, fieldErrors(error.path("details"), message), null);
    }

    private static Map<String, String> fieldErrors(JsonNode details, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        details.path("fields").fields()
                .forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        if (details.path("field").isTextual()) {
            fields.put(details.path("field").asText(), message);
        }
        return fields;
    }
}
