package com.omnichat.server.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.http.JsonBody;
import com.omnichat.server.http.PathParams;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.omnichat.server.http.RouteTable.Access.STAFF;

/** Staff devices register for new-message pushes: the legacy route of the mobile app and the v1 twins. */
public final class PushRoutes implements RouteModule {
    private final PushTokenService service;
    private final StaffAuth auth;
    private final ObjectMapper json;

    public PushRoutes(PushTokenService service, StaffAuth auth, ObjectMapper json) {
        this.service = service;
        this.auth = auth;
        this.json = json;
    }

    @Override
    public void register(RouteTable routes) {
        routes.post("/admin/api/push-token", STAFF, this::legacyRegister);
        routes.post("/api/v1/me/push-tokens", STAFF, this::register);
        routes.delete("/api/v1/me/push-tokens/{token}", STAFF, this::unregister);
    }

    private void legacyRegister(Context ctx) {
        Principal user = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        var raw = body.node().get("push_token");
        if (raw == null || raw.isNull() || raw.isTextual() && raw.asText().isBlank()) {
            throw new ApiException(400, "bad_request", "push_token is required");
        }
        String token = body.requiredText("push_token", PushTokenService.MAX_TOKEN_CHARS);
        if (token != null && !PushTokenService.isExpoToken(token.trim())) {
            body.reject("push_token", "value_error", "must be an Expo push token (ExponentPushToken[...])");
        }
        body.validate();
        service.register(user, token.trim(), "expo");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", true);
        result.put("message", "Push token registered");
        ctx.json(result);
    }

    private void register(Context ctx) {
        Principal user = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        String token = body.requiredText("token", PushTokenService.MAX_TOKEN_CHARS);
        if (token != null && !PushTokenService.isExpoToken(token.trim())) {
            body.reject("token", "value_error", "must be an Expo push token (ExponentPushToken[...])");
        }
        String platform = body.optionalText("platform", 16, true);
        if (platform != null && !platform.equals("expo")) {
            body.reject("platform", "value_error", "must be expo");
        }
        body.validate();
        service.register(user, token.trim(), "expo");
        ctx.status(204);
    }

    /** Decoded with path rules: a token's brackets may arrive percent-encoded or not. */
    private void unregister(Context ctx) {
        Principal user = auth.require(ctx);
        List<String> segments = PathParams.segmentsAfter(ctx, "/api/v1/me/push-tokens");
        if (segments.size() == 1 && !segments.get(0).isEmpty()) {
            service.unregister(user, segments.get(0));
        }
        ctx.status(204);
    }
}
