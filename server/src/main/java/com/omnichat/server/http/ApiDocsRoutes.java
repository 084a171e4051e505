package com.omnichat.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import static com.omnichat.server.http.RouteTable.Access.PUBLIC;

/**
 * {@code /openapi.json} and the interactive page {@code /docs} (PROTOCOL.md §A.5): Swagger UI from its webjar, served
 * by us, so the page works without reaching any other site.
 */
public final class ApiDocsRoutes implements RouteModule {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Omnichat API</title>
              <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
              <link rel="stylesheet" href="/docs/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script src="/docs/swagger-init.js"></script>
            </body>
            </html>
            """;

    /** Our own start script, a file rather than inline so the policy below can forbid inline scripts. */
    private static final String INIT_FILE = "swagger-init.js";
    private static final String INIT = """
            window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
            """;
    /**
     * The page shares its origin with the admin page, whose token sits in localStorage: it runs only our files and
     * talks only to this server, so a script slipped into the document (a crafted description, a poisoned URL) can
     * neither run nor send the token anywhere. Swagger UI sets inline styles and its stylesheet draws icons from
     * data: URLs, which is all it needs beyond 'self'.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final byte[] openApi;
    private final String webjarDirectory;

    public ApiDocsRoutes(OpenApiDocument document, ObjectMapper json) {
        try {
            this.openApi = json.writeValueAsBytes(document.document());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        this.webjarDirectory = WEBJAR + webjarVersion() + "/";
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/openapi.json", PUBLIC, ctx -> ctx.contentType("application/json").result(openApi));
        routes.get("/docs", PUBLIC, ctx -> ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .contentType("text/html; charset=utf-8").result(PAGE));
        routes.get("/docs/{file}", PUBLIC, this::asset);
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        if (file.equals(INIT_FILE)) {
            ctx.contentType("text/javascript; charset=utf-8").result(INIT);
            return;
        }
        String type = ASSETS.get(file);
        if (type == null) {
            ErrorRenderer.render(ctx, 404, "not_found", "Not Found");
            return;
        }
        InputStream in = ApiDocsRoutes.class.getClassLoader().getResourceAsStream(webjarDirectory + file);
        if (in == null) {
            throw new IllegalStateException("The swagger-ui webjar lacks " + file);
        }
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType(type).result(in);
    }

    private static String webjarVersion() {
        try (InputStream in = ApiDocsRoutes.class.getClassLoader().getResourceAsStream(WEBJAR_VERSION)) {
            if (in == null) {
                throw new IllegalStateException("The swagger-ui webjar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
