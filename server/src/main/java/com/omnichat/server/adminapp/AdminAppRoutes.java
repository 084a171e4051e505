package com.omnichat.server.adminapp;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import static com.omnichat.server.http.RouteTable.Access.PUBLIC;

/**
 * The admin web app at {@code /admin-app/} (PROTOCOL.md §A.5): static files, and the index page for every path that
 * is not one, so the app's deep links load; {@code /admin-app} moves to {@code /admin-app/}.
 */
public final class AdminAppRoutes implements RouteModule {
    /**
     * Our page loads only its own scripts and styles, talks only to this server (REST and the stream socket) and
     * cannot be framed: injected markup, were any to slip through, could neither run nor send anything elsewhere.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final AdminAppFiles files;

    public AdminAppRoutes(AdminAppFiles files) {
        this.files = files;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/admin-app", PUBLIC, this::root);
        routes.get("/admin-app/<path>", PUBLIC, ctx -> send(ctx, files.find(ctx.pathParam("path"))
                .or(files::index)
                .orElseThrow(() -> ApiException.notFound("No admin web app"))));
    }

    /** Trailing slashes are ignored by the router, so the one route sees both spellings and tells them apart. */
    private void root(Context ctx) {
        if (!ctx.path().endsWith("/")) {
            ctx.redirect("/admin-app/", HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        send(ctx, files.index().orElseThrow(() -> ApiException.notFound("No admin web app")));
    }

    private void send(Context ctx, StaticFile file) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        if (files.bundled()) {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("X-Frame-Options", "DENY");
        }
        // Names carry no version (no build step), so the browser revalidates every time; unchanged files cost a 304.
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", file.etag());
        if (file.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(file.contentType()).result(file.bytes());
    }
}
