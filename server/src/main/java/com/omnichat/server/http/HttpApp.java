package com.omnichat.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.metrics.ServerMetrics;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/** Builds the Javalin application: limits, error shapes, CORS, and every feature's routes. */
public final class HttpApp {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);
    public static final long MAX_BODY_BYTES = 256 * 1024;
    /** Meta's event batches may be larger (PROTOCOL.md §0); that route reads and limits its raw body itself. */
    private static final String MESSENGER_WEBHOOK = "/webhooks/messenger";
    private static final long MAX_MESSENGER_BODY_BYTES = 1024 * 1024;
    private static final Duration SOCKET_IDLE_TIMEOUT = Duration.ofSeconds(75);

    private final Javalin javalin;
    private final List<RouteTable.Route> routes;
    private final RequestsInFlight inFlight;

    private HttpApp(Javalin javalin, List<RouteTable.Route> routes, RequestsInFlight inFlight) {
        this.javalin = javalin;
        this.routes = routes;
        this.inFlight = inFlight;
    }

    public static HttpApp create(ObjectMapper json, Cors cors, ServerMetrics metrics, List<RouteModule> modules) {
        RouteTable[] table = new RouteTable[1];
        RequestsInFlight inFlight = new RequestsInFlight();
        AccessLog accessLog = new AccessLog(metrics);
        Javalin javalin = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(json, false));
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyHttpConfiguration(http -> http.addCustomizer(new SecurityHeaders()));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages(json)));
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setIdleTimeout(SOCKET_IDLE_TIMEOUT);
                factory.setMaxTextMessageSize(64 * 1024);
            });
            config.routes.before(inFlight::enter);
            config.routes.after(inFlight::leave);
            config.requestLogger.http(accessLog::log);
            config.routes.before(ctx -> {
                RequestContext.begin(ctx);
                String length = ctx.header("Content-Length");
                long limit = ctx.path().equals(MESSENGER_WEBHOOK) ? MAX_MESSENGER_BODY_BYTES : MAX_BODY_BYTES;
                if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limit) {
                    discardModestBody(ctx, Long.parseLong(length));
                    throw new ApiException(413, "payload_too_large", "Request body too large");
                }
                cors.apply(ctx);
            });
            config.routes.addHttpHandler(HandlerType.OPTIONS, "/*", Cors::preflight);
            config.routes.exception(ApiException.class, (e, ctx) -> ErrorRenderer.render(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 405) {
                    renderWrongMethod(ctx, table[0]);
                } else {
                    ErrorRenderer.render(ctx, new ApiException(e.getStatus(), codeFor(e.getStatus()), messageFor(e.getStatus())));
                }
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (unreadableRequest(e)) {
                    ErrorRenderer.render(ctx, new ApiException(400, "malformed_body", "The request body could not be read"));
                    return;
                }
                LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                ErrorRenderer.render(ctx, new ApiException(500, "internal", "Internal server error"));
            });
            config.routes.error(404, ctx -> {
                if (ctx.attribute(ErrorRenderer.RENDERED) == null) {
                    ErrorRenderer.render(ctx, 404, "not_found", "Not Found");
                }
            });
            config.routes.error(405, ctx -> {
                if (ctx.attribute(ErrorRenderer.RENDERED) == null) {
                    renderWrongMethod(ctx, table[0]);
                }
            });
            table[0] = new RouteTable(config.routes);
            for (RouteModule module : modules) {
                module.register(table[0]);
            }
        });
        return new HttpApp(javalin, table[0].registered(), inFlight);
    }

    /**
     * Jetty refuses a body it cannot parse (a multipart body without its boundary, cut short) with a 4xx exception that
     * reaches us wrapped in a ServletException: the client's mistake, not a server failure.
     */
    private static boolean unreadableRequest(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException refused && refused.getCode() >= 400 && refused.getCode() < 500) {
                return true;
            }
        }
        return false;
    }

    /**
     * A client still sending its body when the 413 comes back often never reads that answer; for bodies up to a few
     * times the limit the server reads and drops the rest first, so the client gets the reason.
     */
    private static void discardModestBody(io.javalin.http.Context ctx, long length) {
        if (length <= 8 * MAX_BODY_BYTES) {
            try {
                ctx.req().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException ignored) {
                // the client went away; the 413 is still the right answer for anyone listening
            }
        }
    }

    /**
     * The catch-all preflight route makes every path look known to Javalin: only a path that some real route serves
     * is a 405; anything else is a plain 404.
     */
    private static void renderWrongMethod(io.javalin.http.Context ctx, RouteTable table) {
        String path = ctx.path().length() > 1 ? ctx.path().replaceAll("/+$", "") : ctx.path();
        boolean known = table.registered().stream()
                .anyMatch(route -> !route.method().equals("WS") && pathPattern(route.path()).matcher(path).matches());
        if (known) {
            ErrorRenderer.render(ctx, 405, "method_not_allowed", "Method Not Allowed");
        } else {
            ErrorRenderer.render(ctx, 404, "not_found", "Not Found");
        }
    }

    private static java.util.regex.Pattern pathPattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : java.util.regex.Pattern.quote(part));
        }
        return java.util.regex.Pattern.compile(regex.toString());
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 404 -> "not_found";
            case 400 -> "malformed_json";
            default -> "internal";
        };
    }

    private static String messageFor(int status) {
        return switch (status) {
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type";
            case 404 -> "Not Found";
            case 400 -> "Bad request";
            default -> "Internal server error";
        };
    }

    public void start(String host, int port) {
        javalin.start(host, port);
    }

    /** Jetty's thread pool and connections, from Micrometer's Jetty binders; the connectors exist once started. */
    public void bindJettyMetrics(MeterRegistry registry) {
        Server server = javalin.jettyServer().server();
        new JettyServerThreadPoolMetrics(server.getThreadPool(), List.of()).bindTo(registry);
        JettyConnectionMetrics.addToAllConnectors(server, registry);
    }

    public int port() {
        return javalin.port();
    }

    /**
     * The first step of a shutdown: the listening sockets close, so new connections go to another node, and a request
     * arriving on a kept-alive connection is answered 503 with {@code Connection: close}. Requests already inside go on.
     */
    public void stopAccepting() {
        inFlight.refuseNew();
        for (Connector connector : javalin.jettyServer().server().getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                network.close();
            }
        }
    }

    /** Waits, at most {@code limit}, for the requests already accepted to be answered; true if they all were. */
    public boolean awaitRequestsAnswered(Duration limit) throws InterruptedException {
        return inFlight.awaitNone(limit);
    }

    public void stop() {
        javalin.stop();
    }

    public List<RouteTable.Route> routes() {
        return routes;
    }

    /** A route as Javalin serves it; {@code WS} for WebSocket endpoints. */
    public record ServedRoute(String method, String path) {
    }

    /**
     * Every endpoint Javalin actually holds (filters aside), read back from its router rather than from
     * {@link RouteTable}: this list includes routes registered around the table (the CORS preflight catch-all, for one).
     */
    public List<ServedRoute> served() {
        List<ServedRoute> served = new java.util.ArrayList<>();
        javalin.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(handler -> handler.endpoint.method.isHttpMethod())
                .forEach(handler -> served.add(new ServedRoute(handler.endpoint.method.name(), handler.endpoint.path)));
        javalin.unsafe.internalRouter.allWsHandlers()
                .forEach(handler -> served.add(new ServedRoute("WS", handler.getPath())));
        return served;
    }
}
