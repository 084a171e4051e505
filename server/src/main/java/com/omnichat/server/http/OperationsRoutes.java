package com.omnichat.server.http;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.storage.Database;
import com.omnichat.server.storage.WriteProbe;
import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.omnichat.server.http.RouteTable.Access.PUBLIC;

/**
 * What the operator's tools read: Prometheus metrics, and the liveness and readiness probes of systemd, Kubernetes
 * and load balancers. {@code /health} itself stays the legacy shape ({@link ServiceRoutes}).
 */
public final class OperationsRoutes implements RouteModule {
    static final Duration WRITE_DEADLINE = Duration.ofSeconds(1);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerMetrics metrics;
    private final MetricsAccess access;
    private final Database db;
    private final WriteProbe writeProbe;
    private final String version;

    public OperationsRoutes(ServerMetrics metrics, MetricsAccess access, Database db, String version) {
        this.metrics = metrics;
        this.access = access;
        this.db = db;
        this.writeProbe = new WriteProbe(db.writer());
        this.version = version;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/metrics", PUBLIC, this::metrics);
        routes.get("/health/live", PUBLIC, ctx -> ctx.json(ordered("status", "live", "version", version)));
        routes.get("/health/ready", PUBLIC, this::ready);
    }

    private void metrics(Context ctx) {
        switch (access.decide(peer(ctx), forwarded(ctx), ctx.header("Authorization"))) {
            case ALLOW -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape());
            case NEEDS_TOKEN -> {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new ApiException(401, "unauthenticated",
                        "Metrics need Authorization: Bearer <OMNICHAT_METRICS_TOKEN> from outside this machine");
            }
            case LOOPBACK_ONLY -> throw new ApiException(403, "forbidden",
                    "Metrics are served to this machine only; set OMNICHAT_METRICS_TOKEN to scrape from elsewhere");
        }
    }

    /**
     * Ready when a write commits within a second, the migrations ran, and the bus (none yet: the server runs as one
     * node with the in-process bus) is connected. Otherwise 503 naming what fails.
     */
    private void ready(Context ctx) {
        Map<String, Object> checks = new LinkedHashMap<>();
        List<String> failing = new ArrayList<>();
        Optional<String> writeProblem = writeProbe.problemWithin(WRITE_DEADLINE);
        checks.put("database", writeProblem.<Map<String, Object>>map(problem -> {
            failing.add("database");
            return ordered("status", "failing", "detail", "not writable: " + problem);
        }).orElse(ordered("status", "ok")));
        checks.put("migrations", ordered("status", "ok", "version", db.schemaVersion()));
        checks.put("bus", ordered("status", "not_configured"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failing.isEmpty() ? "ready" : "not_ready");
        if (!failing.isEmpty()) {
            body.put("failing", failing);
        }
        body.put("checks", checks);
        ctx.status(failing.isEmpty() ? 200 : 503).json(body);
    }

    private static Map<String, Object> ordered(String... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static InetAddress peer(Context ctx) {
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean forwarded(Context ctx) {
        return ctx.header("X-Forwarded-For") != null || ctx.header("Forwarded") != null
                || ctx.header("X-Real-IP") != null;
    }
}
