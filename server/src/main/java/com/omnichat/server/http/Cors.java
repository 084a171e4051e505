package com.omnichat.server.http;

import com.omnichat.server.tenants.Tenant;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.function.Function;

/**
 * CORS for both kinds of route. Because CORS does not stop a request from being sent, a visitor request from a
 * listed-nowhere origin is refused before any side effect (403), not just left unreadable.
 */
public final class Cors {
    private final Origins origins;
    private final Function<Context, Optional<Tenant>> visitorTenant;

    public Cors(Origins origins, Function<Context, Optional<Tenant>> visitorTenant) {
        this.origins = origins;
        this.visitorTenant = visitorTenant;
    }

    public static boolean isVisitorPath(String path) {
        return path.equals("/webchat") || path.equals("/followup") || path.equals("/health")
                || path.startsWith("/api/v1/widget/");
    }

    /** Runs before every request: sets the CORS headers, or refuses a visitor request from a foreign origin. */
    public void apply(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Cache-Control", "no-store");
        if (origin == null) {
            return;
        }
        String host = ctx.header("Host");
        ctx.header("Vary", "Origin");
        if (isVisitorPath(ctx.path())) {
            Optional<String> allow = origins.visitorAllowOrigin(origin, host, () -> visitorTenant.apply(ctx));
            allow.ifPresent(value -> ctx.header("Access-Control-Allow-Origin", value));
            if (allow.isEmpty() && !ctx.method().name().equals("OPTIONS") && !ctx.path().equals("/health")) {
                throw new com.omnichat.server.errors.ApiException(403, "origin_not_allowed", "Origin not allowed");
            }
        } else if (origins.staffAllowed(origin, host)) {
            ctx.header("Access-Control-Allow-Origin", origin);
        }
    }

    public static void preflight(Context ctx) {
        if (ctx.res().getHeader("Access-Control-Allow-Origin") != null) {
            ctx.header("Access-Control-Allow-Methods", isVisitorPath(ctx.path())
                    ? "GET, POST, OPTIONS" : "GET, POST, PATCH, PUT, DELETE, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Content-Type, Authorization, X-Site-Key");
            ctx.header("Access-Control-Max-Age", "600");
        }
        ctx.status(204);
    }
}
