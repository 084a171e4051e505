package com.omnichat.server.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Channels;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.FilterParams;
import com.omnichat.server.http.JsonBody;
import com.omnichat.server.http.QueryParams;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.omnichat.server.http.RouteTable.Access.ADMIN;

/** History for admins: the legacy list, export and export-and-delete (PROTOCOL.md §A.8) and v1 list and purge (§C.4). */
public final class HistoryRoutes implements RouteModule {
    private static final int MAX_DAYS = 3650;
    private static final int MAX_PURGE_DAYS = 36_500;

    private final HistoryService history;
    private final StaffAuth auth;
    private final ClientIp clientIp;
    private final ObjectMapper json;

    public HistoryRoutes(HistoryService history, StaffAuth auth, ClientIp clientIp, ObjectMapper json) {
        this.history = history;
        this.auth = auth;
        this.clientIp = clientIp;
        this.json = json;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/admin/api/history", ADMIN, ctx -> {
            Principal admin = auth.requireAdmin(ctx);
            ctx.json(Map.of("history", history.legacyList(admin.tenantId())));
        });
        routes.get("/admin/api/history/export", ADMIN, this::legacyExport);
        routes.post("/admin/api/history/export-and-delete", ADMIN, ctx -> {
            Principal admin = auth.requireAdmin(ctx);
            HistoryService.ExportAndDelete result = history.exportAndDelete(admin, clientIp.of(ctx));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("history", result.history());
            body.put("total_exported", result.history().size());
            body.put("deleted_count", result.deleted());
            ctx.json(body);
        });
        routes.get("/api/v1/history", ADMIN, this::list);
        routes.post("/api/v1/history/purge", ADMIN, this::purge);
    }

    private void legacyExport(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        Long days = QueryParams.optionalLong(ctx, "days");
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw ApiException.invalid(new FieldError("query", "days", "value_error",
                    "must be between 1 and " + MAX_DAYS));
        }
        List<Map<String, Object>> rows = history.legacyExport(admin, days == null ? null : days.intValue(),
                clientIp.of(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("history", rows);
        body.put("count", rows.size());
        ctx.json(body);
    }

    private void list(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        Long[] range = FilterParams.range(ctx);
        List<String> channels = QueryParams.list(ctx, "channel", Channels.ALL);
        String q = FilterParams.search(ctx);
        int limit = QueryParams.integer(ctx, "limit", 50, 1, 200);
        String cursor = ctx.queryParam("cursor");
        HistoryService.Page page = history.list(new HistoryService.HistoryQuery(admin.tenantId(), range[0], range[1],
                channels, q, cursor == null || cursor.isEmpty() ? null : cursor, limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.data());
        body.put("next_cursor", page.nextCursor());
        ctx.json(body);
    }

    private void purge(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        Long days = body.optionalLong("older_than_days").orElse(null);
        if (!body.has("older_than_days") || body.node().get("older_than_days").isNull()) {
            body.reject("older_than_days", "missing", "Field required");
        } else if (days != null && (days < 1 || days > MAX_PURGE_DAYS)) {
            body.reject("older_than_days", "value_error", "must be between 1 and " + MAX_PURGE_DAYS);
        }
        body.validate();
        HistoryService.Purged purged = history.purge(admin, days.intValue(), clientIp.of(ctx));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("followups", purged.followups());
        result.put("conversations", purged.conversations());
        result.put("messages", purged.messages());
        ctx.json(result);
    }
}
