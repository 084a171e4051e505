package com.omnichat.server.audit;

import com.omnichat.server.auth.Principal;
import com.omnichat.server.conversations.Cursors;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.http.FilterParams;
import com.omnichat.server.http.QueryParams;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.omnichat.server.http.RouteTable.Access.ADMIN;

/** {@code GET /api/v1/audit-events}: the tenant's audit log, for admins only (PROTOCOL.md §C.5). */
public final class AuditRoutes implements RouteModule {
    private static final String TYPE_PATTERN = "[a-z_]{1,40}(\\.[a-z_]{1,40}|\\.\\*)?(\\.[a-z_]{1,40})?";

    private final AuditReader reader;
    private final StaffAuth auth;

    public AuditRoutes(AuditReader reader, StaffAuth auth) {
        this.reader = reader;
        this.auth = auth;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/api/v1/audit-events", ADMIN, this::list);
    }

    private void list(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        String type = emptyToNull(ctx.queryParam("type"));
        if (type != null && !type.matches(TYPE_PATTERN)) {
            throw ApiException.invalid(new FieldError("query", "type", "value_error",
                    "must be an event type such as auth.login, or a family such as user.*"));
        }
        String actorId = emptyToNull(ctx.queryParam("actor_id"));
        if (actorId != null && !actorId.matches("\\d{1,18}")) {
            throw ApiException.invalid(new FieldError("query", "actor_id", "value_error", "must be a user id"));
        }
        Long[] range = FilterParams.range(ctx);
        int limit = QueryParams.integer(ctx, "limit", 50, 1, 200);
        String cursor = emptyToNull(ctx.queryParam("cursor"));
        long[] position = cursor == null ? null : Cursors.decode(cursor);
        AuditReader.Page page = reader.list(new AuditQuery(admin.tenantId(), type, actorId, range[0], range[1],
                position == null ? null : position[0], position == null ? null : position[1], limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.data());
        body.put("next_cursor", page.nextCursor());
        ctx.json(body);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
