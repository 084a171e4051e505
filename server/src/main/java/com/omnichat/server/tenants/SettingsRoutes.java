package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.audit.Actor;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.JsonBody;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import io.javalin.http.Context;

import static com.omnichat.server.http.RouteTable.Access.ADMIN;

/** An admin's settings of their own tenant (PROTOCOL.md §C.5 "Settings"). */
public final class SettingsRoutes implements RouteModule {
    private final SettingsService settings;
    private final StaffAuth auth;
    private final ClientIp clientIp;
    private final ObjectMapper json;

    public SettingsRoutes(SettingsService settings, StaffAuth auth, ClientIp clientIp, ObjectMapper json) {
        this.settings = settings;
        this.auth = auth;
        this.clientIp = clientIp;
        this.json = json;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/api/v1/settings", ADMIN, ctx -> ctx.json(settings.view(auth.requireAdmin(ctx).tenantId())));
        routes.patch("/api/v1/settings", ADMIN, this::update);
        routes.post("/api/v1/settings/widget/rotate-site-key", ADMIN, ctx -> {
            Principal admin = auth.requireAdmin(ctx);
            ctx.json(settings.rotateSiteKey(actor(admin), admin.tenantId(), clientIp.of(ctx)));
        });
    }

    private void update(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        ctx.json(settings.update(actor(admin), admin.tenantId(), body.node(), clientIp.of(ctx)));
    }

    private static Actor actor(Principal admin) {
        return Actor.user(admin.userId(), admin.name());
    }
}
