package com.omnichat.server.users;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.audit.Actor;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.JsonBody;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static com.omnichat.server.http.RouteTable.Access.ADMIN;

/** An admin's management of the staff accounts of their own tenant (PROTOCOL.md §C.5 "Users", §B.4). */
public final class UserRoutes implements RouteModule {
    private static final int MAX_PASSWORD_CHARS = 1024;

    private final UserService users;
    private final StaffAuth auth;
    private final ClientIp clientIp;
    private final ObjectMapper json;

    public UserRoutes(UserService users, StaffAuth auth, ClientIp clientIp, ObjectMapper json) {
        this.users = users;
        this.auth = auth;
        this.clientIp = clientIp;
        this.json = json;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/api/v1/users", ADMIN, this::list);
        routes.post("/api/v1/users", ADMIN, this::create);
        routes.get("/api/v1/users/{id}", ADMIN, ctx -> {
            Principal admin = auth.requireAdmin(ctx);
            ctx.json(users.get(admin.tenantId(), userId(ctx)));
        });
        routes.patch("/api/v1/users/{id}", ADMIN, this::update);
        routes.post("/api/v1/users/{id}/password", ADMIN, this::resetPassword);
    }

    private void list(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", users.list(admin.tenantId()));
        body.put("next_cursor", null);
        ctx.json(body);
    }

    private void create(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        String email = body.requiredText("email", 254);
        String name = body.requiredText("name", 100);
        String role = body.requiredText("role", 16);
        Optional<String> password = Optional.ofNullable(body.optionalText("password", MAX_PASSWORD_CHARS, false));
        body.validate();
        UserService.Created created = users.create(actor(admin), admin.tenantId(),
                new UserService.NewUser(email, name, role, password), clientIp.of(ctx));
        Map<String, Object> reply = json.convertValue(created.user(), LinkedHashMap.class);
        if (created.generatedPassword() != null) {
            reply.put("initial_password", created.generatedPassword());
        }
        ctx.status(201).json(reply);
    }

    private void update(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        long id = userId(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        UserService.Changes changes = new UserService.Changes(
                Optional.ofNullable(body.optionalText("name", 100, true)),
                Optional.ofNullable(body.optionalText("role", 16, true)),
                body.optionalBoolean("active"));
        body.validate();
        ctx.json(users.update(actor(admin), admin.tenantId(), id, changes, clientIp.of(ctx)));
    }

    /** The body is optional: without one (or without "password") a password is generated and returned once. */
    private void resetPassword(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        long id = userId(ctx);
        Optional<String> password = Optional.empty();
        if (!ctx.body().isBlank()) {
            JsonBody body = JsonBody.parse(ctx, json);
            password = Optional.ofNullable(body.optionalText("password", MAX_PASSWORD_CHARS, false));
            body.validate();
        }
        Optional<String> generated = users.resetPassword(actor(admin), admin.tenantId(), id, password, clientIp.of(ctx));
        if (generated.isPresent()) {
            ctx.json(Map.of("initial_password", generated.get()));
        } else {
            ctx.status(204);
        }
    }

    private static Actor actor(Principal admin) {
        return Actor.user(admin.userId(), admin.name());
    }

    /** A malformed id names no user of this tenant, so it is answered like an unknown one. */
    private static long userId(Context ctx) {
        String raw = ctx.pathParam("id");
        if (!raw.matches("\\d{1,18}")) {
            throw ApiException.notFound("User not found");
        }
        return Long.parseLong(raw);
    }
}
