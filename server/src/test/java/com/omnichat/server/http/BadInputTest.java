package com.omnichat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route that takes a body or an id refuses bad input with a 4xx that says what is wrong, and writes nothing.
 * A route added without cases fails {@link #everyRouteThatTakesInputHasCases}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static final String TOO_LONG = "x".repeat(10_001);
    private static final String PLATFORM_TOKEN = "platform-token-for-the-bad-input-test-0123456789";
    private static final List<String> TABLES = List.of("tenants", "users", "conversations", "messages", "followups",
            "stream_events", "audit_events", "visitors", "push_tokens", "read_markers", "revoked_tokens",
            "channel_identities", "delivery_outbox",
            "analytics_counts", "analytics_period_facts", "analytics_staff_activity");

    private TestServer server;
    private Api api;
    private String admin;
    private String visitor;
    private String conversation;
    private String siteKey;

    @BeforeAll
    void setUp() {
        server = TestServer.start(Map.of("OMNICHAT_PLATFORM_TOKEN", PLATFORM_TOKEN));
        api = server.api();
        admin = api.loginAdmin();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
        JsonNode session = api.post("/api/v1/widget/sessions", null, Map.of("site_key", siteKey)).body();
        visitor = "Visitor " + session.get("visitor_id").asText() + ":" + session.get("visitor_secret").asText();
        api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "seed", "text", "seed"));
        api.post("/webchat", null, Map.of("user_id", "visitor-known", "text", "hi"));
        conversation = api.get("/api/v1/conversations", admin).body().at("/data/0/id").asText();
    }

    @AfterAll
    void tearDown() {
        server.close();
    }

    private record Case(String route, String what, Supplier<Api.Reply> call) {
    }

    private Api.Reply json(String method, String path, String auth, String body) {
        return api.raw(method, path, auth, "application/json", body, Map.of());
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String c = "/api/v1/conversations/" + conversation;
        add(cases, "POST /api/v1/auth/login", "missing password", () -> api.form("/api/v1/auth/login", Map.of("username", "a@b.c")));
        add(cases, "POST /api/v1/auth/login", "malformed JSON", () -> json("POST", "/api/v1/auth/login", null, "{\"username\":"));
        add(cases, "POST /api/v1/auth/login", "wrong content type", () -> api.raw("POST", "/api/v1/auth/login", null, "text/plain", "x", Map.of()));
        add(cases, "POST /api/v1/auth/refresh", "no token", () -> api.post("/api/v1/auth/refresh", null, Map.of()));
        add(cases, "POST /api/v1/auth/logout", "bad token", () -> api.post("/api/v1/auth/logout", "not-a-token", Map.of()));

        add(cases, "POST /api/v1/conversations/close", "ids not a list", () -> api.post("/api/v1/conversations/close", admin, Map.of("ids", "c_1")));
        add(cases, "POST /api/v1/conversations/close", "too many ids", () -> api.post("/api/v1/conversations/close", admin,
                Map.of("ids", java.util.Collections.nCopies(501, "c_x"))));
        add(cases, "POST /api/v1/conversations/close", "malformed JSON", () -> json("POST", "/api/v1/conversations/close", admin, "[1,"));
        add(cases, "GET /api/v1/conversations/{id}", "unknown id", () -> api.get("/api/v1/conversations/c_unknown", admin));
        add(cases, "PATCH /api/v1/conversations/{id}", "unknown status", () -> api.patch(c, admin, Map.of("status", "archived")));
        add(cases, "PATCH /api/v1/conversations/{id}", "assignee of nobody", () -> api.patch(c, admin, Map.of("assignee_id", "999")));
        add(cases, "PATCH /api/v1/conversations/{id}", "unknown id", () -> api.patch("/api/v1/conversations/c_unknown", admin, Map.of("status", "closed")));
        add(cases, "GET /api/v1/conversations/{id}/messages", "limit out of range", () -> api.get(c + "/messages?limit=0", admin));
        add(cases, "GET /api/v1/conversations/{id}/messages", "before_seq not a number", () -> api.get(c + "/messages?before_seq=abc", admin));
        add(cases, "POST /api/v1/conversations/{id}/messages", "missing text", () -> api.post(c + "/messages", admin, Map.of("client_id", "x")));
        add(cases, "POST /api/v1/conversations/{id}/messages", "text not a string", () -> api.post(c + "/messages", admin, Map.of("client_id", "x", "text", 5)));
        add(cases, "POST /api/v1/conversations/{id}/messages", "blank text", () -> api.post(c + "/messages", admin, Map.of("client_id", "x", "text", "   ")));
        add(cases, "POST /api/v1/conversations/{id}/messages", "oversized text", () -> api.post(c + "/messages", admin, Map.of("client_id", "x", "text", TOO_LONG)));
        add(cases, "POST /api/v1/conversations/{id}/messages", "bad client_id", () -> api.post(c + "/messages", admin, Map.of("client_id", "a b", "text", "hi")));
        add(cases, "POST /api/v1/conversations/{id}/messages", "malformed JSON", () -> json("POST", c + "/messages", admin, "{\"text\":\"hi\""));
        add(cases, "POST /api/v1/conversations/{id}/messages", "unknown id", () -> api.post("/api/v1/conversations/c_unknown/messages", admin, Map.of("client_id", "x", "text", "hi")));
        add(cases, "POST /api/v1/conversations/{id}/read", "seq not a number", () -> api.post(c + "/read", admin, Map.of("seq", "ten")));
        add(cases, "POST /api/v1/conversations/{id}/read", "seq beyond the last message", () -> api.post(c + "/read", admin, Map.of("seq", 1_000_000)));
        add(cases, "POST /api/v1/conversations/{id}/read", "unknown id", () -> api.post("/api/v1/conversations/c_unknown/read", admin, Map.of("seq", 1)));

        add(cases, "GET /api/v1/widget/config", "unknown site key", () -> api.get("/api/v1/widget/config?site_key=wk_nope", null));
        add(cases, "GET /api/v1/widget/config", "missing site key", () -> api.get("/api/v1/widget/config", null));
        add(cases, "POST /api/v1/widget/sessions", "missing site key", () -> api.post("/api/v1/widget/sessions", null, Map.of()));
        add(cases, "POST /api/v1/widget/sessions", "unknown site key", () -> api.post("/api/v1/widget/sessions", null, Map.of("site_key", "wk_nope")));
        add(cases, "POST /api/v1/widget/sessions", "malformed JSON", () -> json("POST", "/api/v1/widget/sessions", null, "nope"));
        add(cases, "GET /api/v1/widget/messages", "no credentials", () -> api.get("/api/v1/widget/messages", null));
        add(cases, "POST /api/v1/widget/messages", "wrong secret", () -> api.post("/api/v1/widget/messages",
                visitor.substring(0, visitor.length() - 2) + "zz", Map.of("client_id", "x", "text", "hi")));
        add(cases, "POST /api/v1/widget/messages", "oversized text", () -> api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "x", "text", TOO_LONG)));
        add(cases, "POST /api/v1/widget/messages", "missing client_id", () -> api.post("/api/v1/widget/messages", visitor, Map.of("text", "hi")));
        add(cases, "POST /api/v1/widget/messages", "text a list", () -> api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "x", "text", List.of("hi"))));
        add(cases, "POST /api/v1/widget/messages", "body over 256 KiB", () -> api.post("/api/v1/widget/messages", visitor,
                Map.of("client_id", "x", "text", "y".repeat(300_000))));
        add(cases, "POST /api/v1/widget/followups", "no credentials", () -> api.post("/api/v1/widget/followups", null,
                Map.of("email", "ann@example.com")));
        add(cases, "POST /api/v1/widget/followups", "every field blank", () -> api.post("/api/v1/widget/followups", visitor,
                Map.of("name", " ", "email", "")));
        add(cases, "POST /api/v1/widget/followups", "email without @", () -> api.post("/api/v1/widget/followups", visitor,
                Map.of("email", "ann.example.com")));
        add(cases, "POST /api/v1/widget/followups", "name too long", () -> api.post("/api/v1/widget/followups", visitor,
                Map.of("name", "n".repeat(201), "phone", "+15551234567")));
        add(cases, "POST /api/v1/widget/followups", "malformed JSON", () -> json("POST", "/api/v1/widget/followups", visitor, "{"));

        String p = PLATFORM_TOKEN;
        String u = "/api/v1/users/";
        add(cases, "PATCH /api/v1/me", "blank name", () -> api.patch("/api/v1/me", admin, Map.of("name", " ")));
        add(cases, "PATCH /api/v1/me", "name not a string", () -> api.patch("/api/v1/me", admin, Map.of("name", 12)));
        add(cases, "POST /api/v1/me/password", "wrong current password", () -> api.post("/api/v1/me/password", admin,
                Map.of("current_password", "not-the-password", "new_password", "a-long-new-password")));
        add(cases, "POST /api/v1/me/password", "new password too short", () -> api.post("/api/v1/me/password", admin,
                Map.of("current_password", TestServer.ADMIN_PASSWORD, "new_password", "short")));
        add(cases, "POST /api/v1/users", "missing email", () -> api.post("/api/v1/users", admin, Map.of("name", "N", "role", "staff")));
        add(cases, "POST /api/v1/users", "unknown role", () -> api.post("/api/v1/users", admin, Map.of("email", "n@x.example", "name", "N", "role", "owner")));
        add(cases, "POST /api/v1/users", "short password", () -> api.post("/api/v1/users", admin,
                Map.of("email", "n@x.example", "name", "N", "role", "staff", "password", "short")));
        add(cases, "POST /api/v1/users", "email already used", () -> api.post("/api/v1/users", admin,
                Map.of("email", TestServer.ADMIN_EMAIL, "name", "N", "role", "staff")));
        add(cases, "GET /api/v1/users/{id}", "unknown id", () -> api.get(u + "999", admin));
        add(cases, "GET /api/v1/users/{id}", "id not a number", () -> api.get(u + "abc", admin));
        add(cases, "PATCH /api/v1/users/{id}", "unknown role", () -> api.patch(u + "1", admin, Map.of("role", "owner")));
        add(cases, "PATCH /api/v1/users/{id}", "last admin demoted", () -> api.patch(u + "1", admin, Map.of("role", "staff")));
        add(cases, "PATCH /api/v1/users/{id}", "unknown id", () -> api.patch(u + "999", admin, Map.of("name", "X")));
        add(cases, "POST /api/v1/users/{id}/password", "short password", () -> api.post(u + "1/password", admin, Map.of("password", "short")));
        add(cases, "POST /api/v1/users/{id}/password", "unknown id", () -> api.post(u + "999/password", admin, Map.of()));
        add(cases, "PATCH /api/v1/settings", "unknown key", () -> api.patch("/api/v1/settings", admin, Map.of("colour", "#000000")));
        add(cases, "PATCH /api/v1/settings", "number not E.164", () -> api.patch("/api/v1/settings", admin,
                Map.of("twilio", Map.of("sms_number", "555-1234"))));
        add(cases, "PATCH /api/v1/settings", "unknown timezone", () -> api.patch("/api/v1/settings", admin, Map.of("timezone", "Mars/Olympus")));
        add(cases, "PATCH /api/v1/settings", "unpaired surrogate in a text", () -> json("PATCH", "/api/v1/settings", admin,
                "{\"texts\":{\"greeting\":\"hello \\udc00\"}}"));
        add(cases, "PATCH /api/v1/settings", "negative timer", () -> api.patch("/api/v1/settings", admin, Map.of("patience_seconds", -5)));
        add(cases, "PATCH /api/v1/settings", "credential without PUBLIC_BASE_URL", () -> api.patch("/api/v1/settings", admin,
                Map.of("twilio", Map.of("auth_token", "a-token-that-cannot-be-used"))));
        add(cases, "PATCH /api/v1/settings", "malformed JSON", () -> json("PATCH", "/api/v1/settings", admin, "{\"texts\":"));
        add(cases, "PATCH /api/v1/settings", "not an object", () -> json("PATCH", "/api/v1/settings", admin, "[1]"));
        add(cases, "POST /api/v1/settings/widget/rotate-site-key", "no token", () -> api.post("/api/v1/settings/widget/rotate-site-key", null, Map.of()));
        add(cases, "POST /api/v1/settings/widget/rotate-site-key", "bad token", () -> api.post("/api/v1/settings/widget/rotate-site-key", "not-a-token", Map.of()));
        add(cases, "POST /api/v1/platform/tenants", "staff token", () -> api.post("/api/v1/platform/tenants", admin,
                Map.of("name", "T", "admin_email", "t@t.example")));
        add(cases, "POST /api/v1/platform/tenants", "missing name", () -> api.post("/api/v1/platform/tenants", p,
                Map.of("admin_email", "t@t.example")));
        add(cases, "POST /api/v1/platform/tenants", "email already used", () -> api.post("/api/v1/platform/tenants", p,
                Map.of("name", "T", "admin_email", TestServer.ADMIN_EMAIL)));
        add(cases, "PATCH /api/v1/platform/tenants/{id}", "unknown id", () -> api.patch("/api/v1/platform/tenants/999", p, Map.of("name", "X")));
        add(cases, "PATCH /api/v1/platform/tenants/{id}", "disabled not a boolean", () -> api.patch("/api/v1/platform/tenants/1", p,
                Map.of("disabled", "yes")));

        add(cases, "GET /docs/{file}", "not an asset of the page", () -> api.get("/docs/..%2Fopenapi.json", null));
        add(cases, "GET /api/v1/analytics/summary", "from not a date", () -> api.get("/api/v1/analytics/summary?from=last-week", admin));
        add(cases, "GET /api/v1/analytics/summary", "to before from", () -> api.get("/api/v1/analytics/summary?from=2026-11-20&to=2026-11-10", admin));
        add(cases, "GET /api/v1/analytics/summary", "unknown channel", () -> api.get("/api/v1/analytics/summary?channel=fax", admin));
        add(cases, "GET /api/v1/analytics/summary", "range over two years", () -> api.get("/api/v1/analytics/summary?from=2020-01-01&to=2026-01-01", admin));

        add(cases, "POST /webchat", "malformed JSON", () -> json("POST", "/webchat", null, "{\"user_id\":"));
        add(cases, "POST /webchat", "not an object", () -> json("POST", "/webchat", null, "[1,2]"));
        add(cases, "POST /webchat", "form body", () -> api.form("/webchat", Map.of("user_id", "visitor-known", "text", "hi")));
        add(cases, "POST /webchat", "missing user_id", () -> api.post("/webchat", null, Map.of("text", "hi")));
        add(cases, "POST /webchat", "user_id a number", () -> api.post("/webchat", null, Map.of("user_id", 7, "text", "hi")));
        add(cases, "POST /webchat", "user_id too long", () -> api.post("/webchat", null, Map.of("user_id", "u".repeat(129), "text", "hi")));
        add(cases, "POST /webchat", "control character", () -> api.post("/webchat", null, Map.of("user_id", "visitor\u0007", "text", "hi")));
        add(cases, "POST /webchat", "leading space", () -> api.post("/webchat", null, Map.of("user_id", " visitor-known", "text", "hi")));
        add(cases, "POST /webchat", "zero-width space", () -> api.post("/webchat", null, Map.of("user_id", "visitor\u200B-known", "text", "hi")));
        add(cases, "POST /webchat", "unpaired surrogate", () -> json("POST", "/webchat", null, "{\"user_id\":\"visitor-known\",\"text\":\"hi \\ud800\"}"));
        add(cases, "POST /webchat", "text a list", () -> api.post("/webchat", null, Map.of("user_id", "visitor-known", "text", List.of("hi"))));
        add(cases, "POST /webchat", "oversized text", () -> api.post("/webchat", null, Map.of("user_id", "visitor-known", "text", TOO_LONG)));
        add(cases, "POST /webchat", "other channel", () -> api.post("/webchat", null, Map.of("user_id", "visitor-known", "channel", "whatsapp", "text", "hi")));
        add(cases, "POST /webchat", "hardened id", () -> api.post("/webchat", null, Map.of("user_id", "v_known", "text", "hi")));
        add(cases, "POST /webchat", "unknown site key", () -> api.post("/webchat?site_key=wk_nope", null, Map.of("user_id", "visitor-known", "text", "hi")));
        add(cases, "POST /followup", "nothing given", () -> api.post("/followup", null, Map.of("user_id", "visitor-known")));
        add(cases, "POST /followup", "missing user_id", () -> api.post("/followup", null, Map.of("email", "ann@example.com")));
        add(cases, "POST /followup", "phone too long", () -> api.post("/followup", null, Map.of("user_id", "visitor-known", "phone", "1".repeat(51))));
        add(cases, "POST /followup", "other channel", () -> api.post("/followup", null, Map.of("user_id", "visitor-known", "channel", "sms", "email", "a@b.example")));
        add(cases, "POST /followup", "hardened id", () -> api.post("/followup", null, Map.of("user_id", "v_known", "email", "a@b.example")));
        add(cases, "GET /admin/api/conversations", "unknown status", () -> api.get("/admin/api/conversations?status=archived", admin));
        add(cases, "GET /admin/api/messages/{user_id}/{channel}", "no token", () -> api.get("/admin/api/messages/visitor-known/webchat", null));
        add(cases, "POST /admin/api/send", "no token", () -> api.post("/admin/api/send", null, Map.of("user_id", "visitor-known", "channel", "webchat", "text", "hi")));
        add(cases, "POST /admin/api/send", "missing channel", () -> api.post("/admin/api/send", admin, Map.of("user_id", "visitor-known", "text", "hi")));
        add(cases, "POST /admin/api/send", "blank text", () -> api.post("/admin/api/send", admin, Map.of("user_id", "visitor-known", "channel", "webchat", "text", " ")));
        add(cases, "POST /admin/api/send", "oversized text", () -> api.post("/admin/api/send", admin, Map.of("user_id", "visitor-known", "channel", "webchat", "text", TOO_LONG)));
        add(cases, "POST /admin/api/send", "unknown conversation", () -> api.post("/admin/api/send", admin, Map.of("user_id", "visitor-unknown", "channel", "webchat", "text", "hi")));
        add(cases, "POST /admin/api/send", "malformed JSON", () -> json("POST", "/admin/api/send", admin, "{"));
        add(cases, "POST /handoff/close", "missing user_id", () -> api.post("/handoff/close", admin, Map.of("channel", "webchat")));
        add(cases, "POST /handoff/close", "unknown channel", () -> api.post("/handoff/close", admin, Map.of("user_id", "visitor-known", "channel", "fax")));
        add(cases, "POST /handoff/close", "unknown conversation", () -> api.post("/handoff/close", admin, Map.of("user_id", "visitor-unknown")));
        add(cases, "POST /handoff/close-bulk", "missing list", () -> api.post("/handoff/close-bulk", admin, Map.of()));
        add(cases, "POST /handoff/close-bulk", "not a list", () -> api.post("/handoff/close-bulk", admin, Map.of("conversations", "visitor-known")));
        add(cases, "POST /handoff/close-bulk", "over 500 items", () -> api.post("/handoff/close-bulk", admin,
                Map.of("conversations", java.util.Collections.nCopies(501, Map.of("user_id", "visitor-known")))));

        add(cases, "POST /admin/api/followups/{followup_id}/mark-viewed", "unknown id", () -> api.post("/admin/api/followups/99999/mark-viewed", admin, ""));
        add(cases, "POST /admin/api/followups/{followup_id}/mark-viewed", "id not an integer", () -> api.post("/admin/api/followups/abc/mark-viewed", admin, ""));
        add(cases, "POST /admin/api/followups/{followup_id}/mark-viewed", "no token", () -> api.post("/admin/api/followups/1/mark-viewed", null, ""));
        add(cases, "DELETE /admin/api/followups/{followup_id}", "unknown id", () -> api.delete("/admin/api/followups/99999", admin));
        add(cases, "DELETE /admin/api/followups/{followup_id}", "id not an integer", () -> api.delete("/admin/api/followups/1.5", admin));
        add(cases, "POST /api/v1/followups/{id}/view", "unknown id", () -> api.post("/api/v1/followups/99999/view", admin, Map.of()));
        add(cases, "POST /api/v1/followups/{id}/view", "not a followup id", () -> api.post("/api/v1/followups/f_x/view", admin, Map.of()));
        add(cases, "POST /api/v1/followups/{id}/archive", "unknown id", () -> api.post("/api/v1/followups/99999/archive", admin, Map.of()));
        add(cases, "POST /api/v1/followups/{id}/archive", "no token", () -> api.post("/api/v1/followups/1/archive", null, Map.of()));
        add(cases, "POST /admin/api/history/export-and-delete", "no token", () -> api.post("/admin/api/history/export-and-delete", null, ""));
        add(cases, "POST /admin/api/history/export-and-delete", "bad token", () -> api.post("/admin/api/history/export-and-delete", "not-a-token", ""));
        add(cases, "POST /api/v1/history/purge", "missing days", () -> api.post("/api/v1/history/purge", admin, Map.of()));
        add(cases, "POST /api/v1/history/purge", "zero days", () -> api.post("/api/v1/history/purge", admin, Map.of("older_than_days", 0)));
        add(cases, "POST /api/v1/history/purge", "days a string", () -> api.post("/api/v1/history/purge", admin, Map.of("older_than_days", "ten")));
        add(cases, "POST /api/v1/history/purge", "malformed JSON", () -> json("POST", "/api/v1/history/purge", admin, "{\"older_than_days\":"));
        add(cases, "GET /api/v1/exports/{kind}", "unknown kind", () -> api.get("/api/v1/exports/users", admin));
        add(cases, "GET /api/v1/exports/{kind}", "unknown format", () -> api.get("/api/v1/exports/messages?format=xlsx", admin));
        add(cases, "GET /api/v1/exports/{kind}", "bad from", () -> api.get("/api/v1/exports/messages?from=last-week", admin));
        add(cases, "GET /api/v1/exports/{kind}", "year out of range", () -> api.get("/api/v1/exports/messages?to=+999999999-01-01T00:00:00Z", admin));
        add(cases, "GET /api/v1/exports/{kind}", "to before from", () -> api.get("/api/v1/exports/messages?from=2026-02-01&to=2026-01-01", admin));
        add(cases, "GET /api/v1/exports/{kind}", "unknown channel", () -> api.get("/api/v1/exports/conversations?channel=fax", admin));
        add(cases, "POST /admin/api/push-token", "missing token", () -> api.post("/admin/api/push-token", admin, Map.of()));
        add(cases, "POST /admin/api/push-token", "blank token", () -> api.post("/admin/api/push-token", admin, Map.of("push_token", " ")));
        add(cases, "POST /admin/api/push-token", "not an Expo token", () -> api.post("/admin/api/push-token", admin, Map.of("push_token", "abc")));
        add(cases, "POST /admin/api/push-token", "token a number", () -> api.post("/admin/api/push-token", admin, Map.of("push_token", 5)));
        add(cases, "POST /admin/api/push-token", "over 255 characters", () -> api.post("/admin/api/push-token", admin,
                Map.of("push_token", "ExponentPushToken[" + "x".repeat(240) + "]")));
        add(cases, "POST /admin/api/push-token", "no auth", () -> api.post("/admin/api/push-token", null, Map.of("push_token", "ExponentPushToken[a]")));
        add(cases, "POST /api/v1/me/push-tokens", "missing token", () -> api.post("/api/v1/me/push-tokens", admin, Map.of("platform", "expo")));
        add(cases, "POST /api/v1/me/push-tokens", "other platform", () -> api.post("/api/v1/me/push-tokens", admin,
                Map.of("token", "ExponentPushToken[a]", "platform", "apns")));
        add(cases, "POST /api/v1/me/push-tokens", "malformed JSON", () -> json("POST", "/api/v1/me/push-tokens", admin, "{\"token\""));
        add(cases, "DELETE /api/v1/me/push-tokens/{token}", "no auth", () -> api.delete("/api/v1/me/push-tokens/ExponentPushToken%5Ba%5D", null));
        add(cases, "GET /api/v1/audit-events", "bad type", () -> api.get("/api/v1/audit-events?type=a%20b", admin));
        add(cases, "GET /api/v1/audit-events", "bad cursor", () -> api.get("/api/v1/audit-events?cursor=zzz", admin));
        add(cases, "POST /api/v1/conversations", "webchat channel", () -> api.post("/api/v1/conversations", admin,
                Map.of("channel", "webchat", "external_id", "+15551234567", "client_id", "s1", "text", "hi")));
        add(cases, "POST /api/v1/conversations", "number not E.164", () -> api.post("/api/v1/conversations", admin,
                Map.of("channel", "sms", "external_id", "555-1234", "client_id", "s1", "text", "hi")));
        add(cases, "POST /api/v1/conversations", "missing client_id", () -> api.post("/api/v1/conversations", admin,
                Map.of("channel", "sms", "external_id", "+15551234567", "text", "hi")));
        add(cases, "POST /api/v1/conversations", "blank text", () -> api.post("/api/v1/conversations", admin,
                Map.of("channel", "sms", "external_id", "+15551234567", "client_id", "s1", "text", " ")));
        add(cases, "POST /api/v1/conversations", "malformed JSON", () -> json("POST", "/api/v1/conversations", admin, "{"));
        add(cases, "POST /sms", "unknown number", () -> api.form("/sms", Map.of("From", "+15551234567", "To", "+15550000000",
                "Body", "hi", "MessageSid", "SM1")));
        add(cases, "POST /sms", "JSON body", () -> json("POST", "/sms", null, "{\"From\":\"+15551234567\"}"));
        add(cases, "POST /twilio/status", "missing MessageSid", () -> api.form("/twilio/status", Map.of("MessageStatus", "sent")));
        add(cases, "POST /twilio/status", "JSON body", () -> json("POST", "/twilio/status", null, "{\"MessageSid\":\"SM1\"}"));
        add(cases, "GET /webhooks/messenger", "wrong verify token", () -> api.get(
                "/webhooks/messenger?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1", null));
        add(cases, "POST /webhooks/messenger", "malformed JSON", () -> json("POST", "/webhooks/messenger", null, "{\"object\":"));
        add(cases, "POST /webhooks/messenger", "body over 1 MiB", () -> json("POST", "/webhooks/messenger", null,
                "{\"object\":\"page\",\"x\":\"" + "y".repeat(1_100_000) + "\"}"));
        return cases;
    }

    private static void add(List<Case> cases, String route, String what, Supplier<Api.Reply> call) {
        cases.add(new Case(route, what, call));
    }

    @Test
    void everyRouteThatTakesInputHasCases() {
        Set<String> needing = server.server().routes().stream()
                .filter(r -> !r.method().equals("WS"))
                .filter(r -> !r.method().equals("GET") || r.path().contains("{") || r.path().startsWith("/api/v1/widget/"))
                .map(r -> r.method() + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = cases().stream().map(Case::route).collect(Collectors.toSet());
        assertThat(covered).as("bad-input cases").containsAll(needing);
    }

    @Test
    void badInputGetsAClear4xxAndWritesNothing() throws Exception {
        for (Case c : cases()) {
            Map<String, Long> before = snapshot();
            Api.Reply reply = c.call().get();
            assertThat(reply.status()).as(c.route() + " / " + c.what() + ": " + reply.text()).isBetween(400, 499);
            assertThat(message(reply.body())).as(c.route() + " / " + c.what() + " explains itself").isNotBlank();
            assertThat(snapshot()).as(c.route() + " / " + c.what() + " wrote nothing").isEqualTo(before);
        }
    }

    private static String message(JsonNode body) {
        if (body == null) {
            return "";
        }
        if (body.has("error")) {
            return body.at("/error/message").asText();
        }
        JsonNode detail = body.get("detail");
        if (detail == null) {
            return "";
        }
        return detail.isArray() ? detail.get(0).get("msg").asText() : detail.asText();
    }

    private Map<String, Long> snapshot() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement st = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT SUM(last_seq) FROM tenants")) {
                rs.next();
                counts.put("seq", rs.getLong(1));
            }
        }
        return counts;
    }
}
