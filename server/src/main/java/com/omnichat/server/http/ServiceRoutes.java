package com.omnichat.server.http;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.storage.Database;
import io.javalin.http.HttpStatus;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.omnichat.server.http.RouteTable.Access.PUBLIC;

/** The service routes every deployment has: identity, health, redirects (PROTOCOL.md §A.5). */
public final class ServiceRoutes implements RouteModule {
    private final Database db;
    private final String version;
    private final Clock clock;

    public ServiceRoutes(Database db, String version, Clock clock) {
        this.db = db;
        this.version = version;
        this.clock = clock;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/", PUBLIC, ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", "DWC Omnichat API");
            body.put("version", version);
            body.put("status", "running");
            body.put("docs", "/docs");
            body.put("health", "/health");
            body.put("admin_login", "/api/v1/auth/login");
            ctx.json(body);
        });
        routes.get("/health", PUBLIC, ctx -> {
            boolean ok = databaseAnswers();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ok ? "running" : "degraded");
            body.put("version", version);
            body.put("db", ok ? "ok" : "error");
            body.put("time", Timestamps.format(clock.instant()));
            ctx.status(ok ? 200 : 503).json(body);
        });
        routes.get("/api/test", PUBLIC, ctx -> ctx.json(Map.of("status", "ok", "message", "connection successful")));
        routes.get("/admin", PUBLIC, ctx -> ctx.redirect("/admin-app/", HttpStatus.FOUND));
        routes.get("/login", PUBLIC, ctx -> ctx.redirect("/admin-app/login", HttpStatus.FOUND));
    }

    private boolean databaseAnswers() {
        try {
            return db.read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT 1")) {
                    return rs.next();
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
    }
}
