package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.http.JsonBody;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static com.omnichat.server.http.RouteTable.Access.PLATFORM;

/**
 * The operator's tenant API (PROTOCOL.md §C.8). Without OMNICHAT_PLATFORM_TOKEN it answers 404 as if absent (answered
 * here rather than left unregistered, so the router's method-mismatch logic cannot turn it into another status).
 * Only that token opens it; a staff token, however privileged, is refused.
 */
public final class PlatformRoutes implements RouteModule {
    private final TenantService tenants;
    private final Optional<String> platformToken;
    private final ObjectMapper json;

    public PlatformRoutes(TenantService tenants, Optional<String> platformToken, ObjectMapper json) {
        this.tenants = tenants;
        this.platformToken = platformToken;
        this.json = json;
    }

    @Override
    public void register(RouteTable routes) {
        routes.post("/api/v1/platform/tenants", PLATFORM, this::create);
        routes.get("/api/v1/platform/tenants", PLATFORM, ctx -> {
            requireOperator(ctx);
            ctx.json(Map.of("data", tenants.list().stream().map(TenantView::of).toList()));
        });
        routes.patch("/api/v1/platform/tenants/{id}", PLATFORM, this::update);
    }

    private void create(Context ctx) {
        requireOperator(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        String name = body.requiredText("name", 100);
        String adminEmail = body.requiredText("admin_email", 254);
        String adminName = body.optionalText("admin_name", 100, true);
        Optional<String> adminPassword = Optional.ofNullable(body.optionalText("admin_password", 1024, false));
        body.validate();
        TenantService.Created created = tenants.create(name, adminEmail, adminName, adminPassword);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("tenant", Map.of("id", Long.toString(created.tenantId()), "name", created.tenantName(),
                "site_key", created.siteKey()));
        reply.put("admin", Map.of("id", Long.toString(created.adminId()), "email", created.adminEmail()));
        if (created.generatedPassword() != null) {
            reply.put("admin_password", created.generatedPassword());
        }
        ctx.status(201).json(reply);
    }

    private void update(Context ctx) {
        requireOperator(ctx);
        String rawId = ctx.pathParam("id");
        if (!rawId.matches("\\d{1,18}")) {
            throw ApiException.notFound("Tenant not found");
        }
        JsonBody body = JsonBody.parse(ctx, json);
        Optional<String> name = Optional.ofNullable(body.optionalText("name", 100, true));
        Optional<Boolean> disabled = body.optionalBoolean("disabled");
        body.validate();
        ctx.json(TenantView.of(tenants.update(Long.parseLong(rawId), name, disabled)));
    }

    private void requireOperator(Context ctx) {
        if (platformToken.isEmpty()) {
            throw ApiException.notFound("Not Found");
        }
        String header = ctx.header("Authorization");
        boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer || !RandomTokens.constantTimeEquals(header.substring(7).trim(), platformToken.get())) {
            throw ApiException.unauthenticated("Invalid platform token");
        }
    }
}
