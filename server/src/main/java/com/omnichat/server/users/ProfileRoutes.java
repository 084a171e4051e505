package com.omnichat.server.users;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.JsonBody;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import io.javalin.http.Context;

import static com.omnichat.server.http.RouteTable.Access.STAFF;

/** Any signed-in user's own name and password (PROTOCOL.md §C.2). */
public final class ProfileRoutes implements RouteModule {
    private final UserService users;
    private final StaffAuth auth;
    private final ClientIp clientIp;
    private final ObjectMapper json;

    public ProfileRoutes(UserService users, StaffAuth auth, ClientIp clientIp, ObjectMapper json) {
        this.users = users;
        this.auth = auth;
        this.clientIp = clientIp;
        this.json = json;
    }

    @Override
    public void register(RouteTable routes) {
        routes.patch("/api/v1/me", STAFF, this::rename);
        routes.post("/api/v1/me/password", STAFF, this::changePassword);
    }

    private void rename(Context ctx) {
        Principal self = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        String name = body.optionalText("name", 100, true);
        body.validate();
        ctx.json(name == null ? users.get(self.tenantId(), self.userId()) : users.rename(self, name, clientIp.of(ctx)));
    }

    private void changePassword(Context ctx) {
        Principal self = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        String current = body.requiredText("current_password", 1024);
        String next = body.requiredText("new_password", 1024);
        body.validate();
        users.changePassword(self, current, next, clientIp.of(ctx));
        ctx.status(204);
    }
}
