package com.omnichat.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.JsonBody;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import com.omnichat.server.storage.Database;
import com.omnichat.server.users.UserStore;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.omnichat.server.http.RouteTable.Access.PUBLIC;
import static com.omnichat.server.http.RouteTable.Access.STAFF;

/** Sign-in, the signed-in user, token refresh and sign-out (PROTOCOL.md §A.4, §C.2). */
public final class AuthRoutes implements RouteModule {
    private final LoginService login;
    private final StaffAuth auth;
    private final Database db;
    private final UserStore users;
    private final ClientIp clientIp;
    private final ObjectMapper json;

    public AuthRoutes(LoginService login, StaffAuth auth, Database db, UserStore users, ClientIp clientIp, ObjectMapper json) {
        this.login = login;
        this.auth = auth;
        this.db = db;
        this.users = users;
        this.clientIp = clientIp;
        this.json = json;
    }

    @Override
    public void register(RouteTable routes) {
        routes.post("/api/v1/auth/login", PUBLIC, this::login);
        routes.get("/api/v1/auth/me", STAFF, this::me);
        routes.post("/api/v1/auth/refresh", STAFF, ctx -> ctx.json(tokenBody(login.refresh(auth.require(ctx)))));
        routes.post("/api/v1/auth/logout", STAFF, ctx -> {
            login.logout(auth.require(ctx), "true".equalsIgnoreCase(ctx.queryParam("everywhere")), clientIp.of(ctx));
            ctx.status(204);
        });
    }

    private void login(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        String username;
        String password;
        List<FieldError> errors = new ArrayList<>();
        if (contentType.startsWith("application/json")) {
            JsonBody body = JsonBody.parse(ctx, json);
            username = body.has("username") ? body.optionalText("username", 254, true) : body.optionalText("email", 254, true);
            password = body.optionalText("password", 1024, false);
            body.validate();
        } else if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/form-data")) {
            username = ctx.formParam("username");
            password = ctx.formParam("password");
            String grantType = ctx.formParam("grant_type");
            if (grantType != null && !grantType.isEmpty() && !grantType.equals("password")) {
                errors.add(FieldError.body("grant_type", "value_error", "must be 'password'"));
            }
        } else {
            throw new ApiException(415, "unsupported_media_type", "Unsupported media type");
        }
        if (username == null || username.isBlank()) {
            errors.add(FieldError.missing("body", "username"));
        }
        if (password == null || password.isEmpty()) {
            errors.add(FieldError.missing("body", "password"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        ctx.json(tokenBody(login.login(username, password, clientIp.of(ctx))));
    }

    private void me(Context ctx) {
        Principal principal = auth.require(ctx);
        var user = db.read(c -> users.byId(c, principal.userId())).orElseThrow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("tenant_id", user.tenantId());
        body.put("email", user.email());
        body.put("name", user.name());
        body.put("role", user.storedRole());
        ctx.json(body);
    }

    private static Map<String, Object> tokenBody(LoginService.Issued issued) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.token());
        body.put("token_type", "bearer");
        body.put("expires_in", issued.expiresInSeconds());
        return body;
    }
}
