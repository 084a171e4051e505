package com.omnichat.server.followups;

import com.omnichat.server.auth.Principal;
import com.omnichat.server.conversations.Cursors;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.FilterParams;
import com.omnichat.server.http.QueryParams;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.omnichat.server.http.RouteTable.Access.ADMIN;

/** Followups for admins: the legacy routes of the admin apps (PROTOCOL.md §A.7) and their v1 twins (§C.4). */
public final class FollowupRoutes implements RouteModule {
    private static final int LEGACY_LIMIT = 200;

    private final FollowupService followups;
    private final StaffAuth auth;
    private final ClientIp clientIp;

    public FollowupRoutes(FollowupService followups, StaffAuth auth, ClientIp clientIp) {
        this.followups = followups;
        this.auth = auth;
        this.clientIp = clientIp;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/admin/api/followups", ADMIN, ctx -> {
            Principal admin = auth.requireAdmin(ctx);
            ctx.json(Map.of("followups", followups.legacyList(admin.tenantId(), LEGACY_LIMIT)));
        });
        routes.get("/admin/api/followups/unviewed-count", ADMIN, ctx -> {
            Principal admin = auth.requireAdmin(ctx);
            ctx.json(Map.of("count", followups.unviewedCount(admin.tenantId())));
        });
        routes.post("/admin/api/followups/{followup_id}/mark-viewed", ADMIN, ctx -> {
            Principal admin = auth.requireAdmin(ctx);
            long id = followupId(ctx, "followup_id");
            followups.markViewed(admin, id, false);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("id", id);
            ctx.json(body);
        });
        routes.delete("/admin/api/followups/{followup_id}", ADMIN, ctx -> {
            Principal admin = auth.requireAdmin(ctx);
            long id = followupId(ctx, "followup_id");
            followups.archive(admin, id, clientIp.of(ctx));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("id", id);
            body.put("archived", true);
            ctx.json(body);
        });

        routes.get("/api/v1/followups", ADMIN, this::list);
        routes.post("/api/v1/followups/{id}/view", ADMIN, ctx -> {
            Principal admin = auth.requireAdmin(ctx);
            ctx.json(FollowupViews.v1(followups.markViewed(admin, v1Id(ctx), true)));
        });
        routes.post("/api/v1/followups/{id}/archive", ADMIN, ctx -> {
            Principal admin = auth.requireAdmin(ctx);
            ctx.json(FollowupViews.v1(followups.archive(admin, v1Id(ctx), clientIp.of(ctx))));
        });
    }

    private void list(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        Boolean archived = FilterParams.optionalBoolean(ctx, "archived");
        Boolean viewed = FilterParams.optionalBoolean(ctx, "viewed");
        String q = FilterParams.search(ctx);
        Long[] range = FilterParams.range(ctx);
        int limit = QueryParams.integer(ctx, "limit", 50, 1, 200);
        String cursor = ctx.queryParam("cursor");
        long[] position = cursor == null || cursor.isEmpty() ? null : Cursors.decode(cursor);
        FollowupService.Page page = followups.list(new FollowupQuery(admin.tenantId(), Boolean.TRUE.equals(archived),
                viewed, q, range[0], range[1], position == null ? null : position[0],
                position == null ? null : position[1], limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.data());
        body.put("next_cursor", page.nextCursor());
        body.put("unviewed_count", page.unviewedCount());
        body.put("stream_seq", page.streamSeq());
        ctx.json(body);
    }

    /** v1 ids are opaque to clients: one that is not a followup number names no followup. */
    private static long v1Id(Context ctx) {
        String raw = ctx.pathParam("id");
        if (!raw.matches("\\d{1,18}")) {
            throw FollowupService.notFound();
        }
        return Long.parseLong(raw);
    }

    /** A legacy followup number from the path: not an integer is a 422 (PROTOCOL.md §A.7). */
    private static long followupId(Context ctx, String param) {
        String raw = ctx.pathParam(param);
        if (!raw.matches("\\d{1,18}")) {
            throw ApiException.invalid(new FieldError("path", param, "int_parsing", "Input should be a valid integer"));
        }
        return Long.parseLong(raw);
    }
}
