package com.omnichat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /openapi.json} describes exactly what the running server serves: every route Javalin holds (HTTP and
 * WebSocket) is documented, and nothing documented is missing from the server. A feature that adds a route without
 * describing it in its {@code openapi/<feature>.json} fails here with the route named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    private TestServer server;
    private JsonNode document;

    @BeforeAll
    void fetchTheDocument() {
        server = TestServer.start();
        Api.Reply reply = server.api().get("/openapi.json", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        document = reply.body();
    }

    @AfterAll
    void tearDown() {
        server.close();
    }

    @Test
    void everyServedRouteIsDocumented() {
        assertThat(documented()).as("routes served but missing from /openapi.json (describe them in your feature's "
                + "openapi/<feature>.json)").containsAll(served());
    }

    @Test
    void everyDocumentedRouteIsServed() {
        assertThat(served()).as("routes in /openapi.json that the server does not serve").containsAll(documented());
    }

    @Test
    void theFragmentsMergeWithoutClashes() {
        OpenApiDocument assembled = OpenApiDocument.assemble(Api.JSON, "test");
        assertThat(assembled.fragments()).contains("core.json", "legacy.json", "widget.json", "analytics.json");
        assertThat(assembled.problems()).isEmpty();
    }

    @Test
    void itIsAnOpenApi31DocumentWhoseOperationsAreComplete() {
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.at("/info/title").asText()).isNotBlank();
        List<String> incomplete = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (!HTTP_METHODS.contains(operation.getKey())) {
                return;
            }
            String name = operation.getKey().toUpperCase() + " " + path.getKey();
            JsonNode op = operation.getValue();
            if (op.path("summary").asText().isBlank()) {
                incomplete.add(name + ": no summary");
            }
            if (!op.path("responses").isObject() || op.path("responses").isEmpty()) {
                incomplete.add(name + ": no responses");
            }
            Set<String> declared = new TreeSet<>();
            for (JsonNode parameters : List.of(path.getValue().path("parameters"), op.path("parameters"))) {
                for (JsonNode parameter : parameters) {
                    if (parameter.path("in").asText().equals("path")) {
                        declared.add(parameter.path("name").asText());
                    }
                }
            }
            Matcher matcher = TEMPLATE_PARAMETER.matcher(path.getKey());
            Set<String> inTemplate = new TreeSet<>();
            while (matcher.find()) {
                inTemplate.add(matcher.group(1));
            }
            if (!declared.equals(inTemplate)) {
                incomplete.add(name + ": path parameters " + declared + " do not match the template " + inTemplate);
            }
        }));
        assertThat(incomplete).isEmpty();
    }

    @Test
    void everyReferenceResolves() {
        List<String> dangling = new ArrayList<>();
        collectReferences(document, dangling);
        assertThat(dangling).as("$ref without a target").isEmpty();
    }

    @Test
    void theAnalyticsRouteCarriesItsDefinitions() {
        JsonNode summary = document.at("/paths/~1api~1v1~1analytics~1summary/get");
        assertThat(summary.get("description").asText()).contains("nearest-rank", "Open period", "busiest_hours",
                "first staff message");
        assertThat(document.at("/components/schemas/AnalyticsSummary/required")).hasSize(11);
    }

    /** "METHOD /path" of every served route, with Javalin's {@code <name>} written as OpenAPI's {@code {name}}. */
    private Set<String> served() {
        return server.server().servedRoutes().stream()
                // The CORS preflight answers OPTIONS on every path; it is part of CORS, not of the API.
                .filter(route -> !(route.method().equals("OPTIONS") && route.path().equals("/*")))
                .filter(route -> !route.method().equals("HEAD"))
                .map(route -> route.method() + " " + route.path().replaceAll("<([^>]+)>", "{$1}"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A WebSocket endpoint is documented as a {@code get} marked {@code x-websocket: true}. */
    private Set<String> documented() {
        Set<String> routes = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (HTTP_METHODS.contains(operation.getKey())) {
                boolean socket = operation.getValue().path("x-websocket").asBoolean(false);
                routes.add((socket ? "WS" : operation.getKey().toUpperCase()) + " " + path.getKey());
            }
        }));
        return routes;
    }

    private void collectReferences(JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String pointer = ref.asText().startsWith("#") ? ref.asText().substring(1) : null;
                if (pointer == null || document.at(pointer).isMissingNode()) {
                    dangling.add(ref.asText());
                }
            }
            node.elements().forEachRemaining(child -> collectReferences(child, dangling));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectReferences(child, dangling));
        }
    }
}
