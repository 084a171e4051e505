package com.omnichat.server.http;

import com.omnichat.server.metrics.ServerMetrics;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per HTTP request: method, route template (never the raw path, which can hold ids, nor the query, which can
 * hold tokens), status and duration. Probes and scrapes, which come every few seconds, are logged at DEBUG.
 */
final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

    private final ServerMetrics metrics;

    AccessLog(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    void log(Context ctx, Float millis) {
        try {
            RequestContext.restore(ctx);
            String route = route(ctx);
            int status = ctx.statusCode();
            long durationMs = millis == null ? 0 : Math.round(millis);
            metrics.httpRequest(ctx.method().name(), route, status, millis == null ? 0 : millis);
            boolean routine = route.equals("/metrics") || route.startsWith("/health");
            if (routine ? LOG.isDebugEnabled() : LOG.isInfoEnabled()) {
                String line = ctx.method().name() + " " + route + " " + status + " " + durationMs + " ms";
                if (routine) {
                    LOG.debug(line);
                } else {
                    LOG.info(line);
                }
            }
        } finally {
            RequestContext.clear();
        }
    }

    /** The template Javalin matched ({@code /api/v1/conversations/{id}}); {@code unmatched} for a 404. */
    private static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        if (endpoint == null || endpoint.path.equals("/*") && !ctx.method().name().equals("OPTIONS")) {
            return "unmatched";
        }
        return endpoint.path.replaceAll("<([^>]+)>", "{$1}");
    }
}
