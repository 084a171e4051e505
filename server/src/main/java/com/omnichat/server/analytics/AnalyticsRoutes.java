package com.omnichat.server.analytics;

import com.omnichat.protocol.Channels;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.http.QueryParams;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import static com.omnichat.server.http.RouteTable.Access.ADMIN;

/** KPIs for admins (PROTOCOL.md §C.5). */
public final class AnalyticsRoutes implements RouteModule {
    private final AnalyticsService service;
    private final StaffAuth auth;

    public AnalyticsRoutes(AnalyticsService service, StaffAuth auth) {
        this.service = service;
        this.auth = auth;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/api/v1/analytics/summary", ADMIN, this::summary);
    }

    private void summary(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        LocalDate from = date(ctx, "from");
        LocalDate to = date(ctx, "to");
        List<String> channels = QueryParams.list(ctx, "channel", Channels.ALL);
        if (channels.size() > 1) {
            throw ApiException.invalid(new FieldError("query", "channel", "value_error", "must be a single channel"));
        }
        ctx.json(service.summary(admin.tenantId(), from, to, channels.isEmpty() ? null : channels.get(0)));
    }

    private static LocalDate date(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(new FieldError("query", name, "value_error", "must be a date as YYYY-MM-DD"));
        }
    }
}
