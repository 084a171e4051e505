package com.omnichat.server.channels.webchat;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.tenants.TenantService;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static com.omnichat.server.http.RouteTable.Access.PUBLIC;

/** Serves the widget script and its demo page from the widget jar. */
public final class WidgetAssetRoutes implements RouteModule {
    private static final String RESOURCES = "/omnichat-widget/";

    /**
     * The demo shares its origin with the admin page, whose token sits in localStorage: only our own scripts run and
     * they talk only to this server. Styles may be inline: the page keeps its own in a style element and the widget
     * builds one with the tenant's colour; a style cannot read storage or send it anywhere under this policy.
     */
    static final String DEMO_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final TenantService tenants;
    private final long defaultTenantId;
    private final byte[] script;
    private final String scriptTag;
    private final String demoTemplate;

    public WidgetAssetRoutes(TenantService tenants, long defaultTenantId) {
        this.tenants = tenants;
        this.defaultTenantId = defaultTenantId;
        this.script = resource("widget.js");
        this.scriptTag = "\"" + sha256(script) + "\"";
        this.demoTemplate = new String(resource("widget-demo.html"), StandardCharsets.UTF_8);
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/widget.js", PUBLIC, this::script);
        routes.get("/widget-demo", PUBLIC, this::demo);
    }

    private void script(Context ctx) {
        // An hour of caching keeps site loads cheap; the ETag makes the revalidation after a deploy a 304 at most.
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.header("ETag", scriptTag);
        if (scriptTag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("text/javascript; charset=utf-8").result(script);
    }

    private void demo(Context ctx) {
        String siteKey = tenants.siteKeyOf(defaultTenantId)
                .orElseThrow(() -> ApiException.notFound("No default tenant"));
        ctx.header("Content-Security-Policy", DEMO_CONTENT_SECURITY_POLICY);
        ctx.contentType("text/html; charset=utf-8").result(demoTemplate.replace("{{SITE_KEY}}", htmlEscape(siteKey)));
    }

    private static String htmlEscape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] resource(String name) {
        try (InputStream in = WidgetAssetRoutes.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("The widget jar is missing " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
