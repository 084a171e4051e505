package com.omnichat.server.hostile;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the bad requests for one route from its OpenAPI operation: its path parameters, query parameters and
 * body fields each get every hostile value, the whole body every malformed shape and content type, the request every
 * wrong, forged or foreign credential, method and bent path. Deterministic: a failure names its case and replays.
 */
final class HostileCases {
    record Case(RouteFamily family, String route, String what, RawHttp.Request request) {
    }

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}|<([^>]+)>");
    private static final List<String> OTHER_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE", "FOO", "G@T");

    private final TwoTenants seed;
    private final JsonNode openApi;
    private final List<String> otherCredentials;
    private int counter;

    HostileCases(TwoTenants seed, JsonNode openApi) {
        this.seed = seed;
        this.openApi = openApi;
        this.otherCredentials = otherCredentials(seed);
    }

    /** The OpenAPI operation of a route, or null when the document lacks it. */
    JsonNode operation(RouteTable.Route route) {
        String path = route.path().replaceAll("<([^>]+)>", "{$1}");
        String method = route.method().equals("WS") ? "get" : route.method().toLowerCase(java.util.Locale.ROOT);
        JsonNode operation = openApi.path("paths").path(path).path(method);
        return operation.isMissingNode() ? null : operation;
    }

    /** Every bad request for the route, with its own credential where the route takes one. */
    List<Case> forRoute(RouteTable.Route route) {
        List<Case> cases = new ArrayList<>();
        String auth = credentialOf(route);
        for (String other : otherCredentials) {
            cases.add(make(route, "credential " + abbreviate(other), baseRequest(route, other, Map.of())));
        }
        cases.addAll(pathCases(route, auth));
        cases.addAll(queryCases(route, auth));
        cases.addAll(bodyCases(route, auth));
        for (String method : OTHER_METHODS) {
            if (!method.equals(httpMethod(route))) {
                RawHttp.Request base = baseRequest(route, auth, Map.of());
                cases.add(make(route, "method " + method, new RawHttp.Request(method, base.target(), base.headers(), base.body())));
            }
        }
        for (String bent : HostileValues.pathBends(concretePath(route, Map.of()))) {
            RawHttp.Request base = baseRequest(route, auth, Map.of());
            cases.add(make(route, "path " + abbreviate(bent), new RawHttp.Request(base.method(), bent, base.headers(), base.body())));
        }
        cases.addAll(headerCases(route, auth));
        return cases;
    }

    /** The route's path, query and body cases again under another credential: the round-th foreign or forged one. */
    List<Case> againAs(RouteTable.Route route, int round) {
        String other = otherCredentials.get(round % otherCredentials.size());
        List<Case> cases = new ArrayList<>();
        cases.addAll(pathCases(route, other));
        cases.addAll(queryCases(route, other));
        cases.addAll(bodyCases(route, other));
        return cases.stream().map(c -> new Case(c.family(), c.route(), c.what() + " as " + abbreviate(other), c.request())).toList();
    }

    private List<Case> pathCases(RouteTable.Route route, String auth) {
        List<Case> cases = new ArrayList<>();
        for (String name : pathParams(route)) {
            List<String> values = new ArrayList<>(HostileValues.pathSegments());
            String foreign = foreignPathValue(route, name);
            if (foreign != null) {
                values.add(0, foreign);
            }
            for (String value : values) {
                cases.add(make(route, "path " + name + "=" + abbreviate(value), baseRequest(route, auth, Map.of(name, value))));
            }
        }
        return cases;
    }

    private List<Case> queryCases(RouteTable.Route route, String auth) {
        List<Case> cases = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode parameter : parameters(route)) {
            if (parameter.path("in").asText().equals("query")) {
                names.add(parameter.path("name").asText());
            }
        }
        names.add("limit");
        names.add("cursor");
        for (String name : names) {
            for (String value : HostileValues.queryValues()) {
                cases.add(withQuery(route, auth, "query " + name + "=" + abbreviate(value), name + "=" + value));
            }
            cases.add(withQuery(route, auth, "query " + name + " twice", name + "=1&" + name + "=x"));
        }
        cases.add(withQuery(route, auth, "query bad name encoding", "%zz=1"));
        cases.add(withQuery(route, auth, "query of 1000 parameters", "a=1&".repeat(1000)));
        return cases;
    }

    private Case withQuery(RouteTable.Route route, String auth, String what, String query) {
        RawHttp.Request base = baseRequest(route, auth, Map.of());
        return make(route, what, new RawHttp.Request(base.method(), base.target() + "?" + query, base.headers(), base.body()));
    }

    private List<Case> bodyCases(RouteTable.Route route, String auth) {
        if (route.method().equals("GET") || route.method().equals("WS")) {
            return List.of(make(route, "GET with a JSON body", request(route, auth, Map.of(), "application/json",
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8))));
        }
        List<Case> cases = new ArrayList<>();
        JsonNode schema = bodySchema(route, "application/json");
        JsonNode form = bodySchema(route, "application/x-www-form-urlencoded");
        if (form != null) {
            Map<String, String> fields = formDefaults(form);
            for (String field : properties(form).keySet()) {
                for (String value : HostileValues.queryValues()) {
                    Map<String, String> mutated = new LinkedHashMap<>(fields);
                    mutated.put(field, value);
                    cases.add(make(route, "form " + field + "=" + abbreviate(value),
                            request(route, auth, Map.of(), "application/x-www-form-urlencoded", formBody(mutated))));
                }
            }
            for (String raw : List.of("%zz", "a=%", "=&=&&", "a=1&a=2&a=3", "\u0000=\u0000", "x".repeat(300_000))) {
                cases.add(make(route, "form body " + abbreviate(raw), request(route, auth, Map.of(),
                        "application/x-www-form-urlencoded", raw.getBytes(StandardCharsets.UTF_8))));
            }
            cases.add(make(route, "form body with invalid UTF-8", request(route, auth, Map.of(),
                    "application/x-www-form-urlencoded", HostileValues.withInvalidUtf8("a=", "&b=1"))));
        }
        Map<String, String> defaults = schema == null ? Map.of() : jsonDefaults(schema);
        for (String field : schema == null ? List.<String>of() : List.copyOf(properties(schema).keySet())) {
            for (String value : HostileValues.jsonValues()) {
                if (field.contains("password") && isPlainLongString(value)) {
                    continue;
                }
                Map<String, String> mutated = new LinkedHashMap<>(defaults);
                mutated.put(field, value);
                cases.add(make(route, "json " + field + "=" + abbreviate(value), json(route, auth, jsonObject(mutated))));
            }
            Map<String, String> withField = new LinkedHashMap<>(defaults);
            withField.putIfAbsent(field, "\"x\"");
            cases.add(make(route, "json " + field + " twice", json(route, auth,
                    "{" + Api.json(field) + ":5," + jsonObject(withField).substring(1))));
            cases.add(make(route, "json " + field + " with invalid UTF-8", request(route, auth, Map.of(),
                    "application/json", HostileValues.withInvalidUtf8("{\"" + field + "\":\"", "\"}"))));
        }
        for (byte[] body : HostileValues.jsonBodies()) {
            cases.add(make(route, "body " + abbreviate(new String(body, StandardCharsets.UTF_8)),
                    request(route, auth, Map.of(), "application/json", body)));
        }
        byte[] valid = jsonObject(defaults).getBytes(StandardCharsets.UTF_8);
        for (String type : HostileValues.contentTypes()) {
            cases.add(make(route, "content type " + type, request(route, auth, Map.of(), type, valid)));
        }
        cases.add(make(route, "body over 256 KiB", request(route, auth, Map.of(), "application/json",
                ("{\"text\":\"" + "y".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8))));
        return cases;
    }

    /**
     * A plain string of some length is a valid new password: the server would only spend a bcrypt run on it (a
     * quarter of a second each), which is no attack and would make this suite slow.
     */
    private static boolean isPlainLongString(String json) {
        return json.startsWith("\"") && json.length() >= 10 && !json.contains("\\");
    }

    private List<Case> headerCases(RouteTable.Route route, String auth) {
        List<Case> cases = new ArrayList<>();
        List<Map<String, String>> headers = List.of(Map.of("Host", "a b"), Map.of("Host", ""),
                Map.of("X-Big", "h".repeat(20_000)), Map.of("Origin", "http://evil.example"), Map.of("Origin", "null"),
                Map.of("Authorization", "Bearer " + "x".repeat(7_000)), Map.of("Accept", "text/html"),
                Map.of("Upgrade", "websocket", "Connection", "Upgrade"),
                Map.of("Upgrade", "websocket", "Sec-WebSocket-Version", "99", "Sec-WebSocket-Key", "x"),
                Map.of("X-Forwarded-For", "not-an-address, \u00e9"), Map.of("Accept-Charset", "utf-32"),
                Map.of("Content-Encoding", "gzip"));
        for (Map<String, String> extra : headers) {
            RawHttp.Request base = baseRequest(route, auth, Map.of());
            Map<String, String> all = new LinkedHashMap<>(base.headers());
            all.putAll(extra);
            cases.add(make(route, "header " + abbreviate(extra.keySet() + "=" + extra.values()),
                    new RawHttp.Request(base.method(), base.target(), all, base.body())));
        }
        return cases;
    }

    private Case make(RouteTable.Route route, String what, RawHttp.Request request) {
        counter++;
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        // a fresh client address per visitor case (the server trusts the proxy header in this suite), so the per-address
        // visitor limits do not turn the generated cases into a wall of 429s
        // visitor limits do not turn the generated cases into a wall of 429s. Staff routes keep one address: the
        // sign-in throttle per address is what keeps a thousand bad sign-ins from costing a thousand bcrypt runs.
        headers.putIfAbsent("X-Forwarded-For", route.access() == RouteTable.Access.VISITOR
                ? "10." + (counter >> 16 & 255) + "." + (counter >> 8 & 255) + "." + (counter & 255) : "10.255.0.1");
        return new Case(RouteFamily.of(route), route.method() + " " + route.path(), what,
                new RawHttp.Request(request.method(), request.target(), headers, request.body()));
    }

    private RawHttp.Request baseRequest(RouteTable.Route route, String auth, Map<String, String> pathValues) {
        JsonNode schema = bodySchema(route, "application/json");
        JsonNode form = bodySchema(route, "application/x-www-form-urlencoded");
        if (form != null && schema == null) {
            return request(route, auth, pathValues, "application/x-www-form-urlencoded", formBody(formDefaults(form)));
        }
        if (schema != null) {
            return request(route, auth, pathValues, "application/json", jsonObject(jsonDefaults(schema)).getBytes(StandardCharsets.UTF_8));
        }
        return request(route, auth, pathValues, null, route.method().equals("GET") || route.method().equals("WS") ? null : new byte[0]);
    }

    private RawHttp.Request json(RouteTable.Route route, String auth, String body) {
        return request(route, auth, Map.of(), "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp.Request request(RouteTable.Route route, String auth, Map<String, String> pathValues, String type, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (auth != null) {
            headers.put("Authorization", auth);
        }
        if (type != null) {
            headers.put("Content-Type", type);
        }
        return new RawHttp.Request(httpMethod(route), concretePath(route, pathValues), headers, body);
    }

    private static String httpMethod(RouteTable.Route route) {
        return route.method().equals("WS") ? "GET" : route.method();
    }

    private String concretePath(RouteTable.Route route, Map<String, String> values) {
        Matcher matcher = PARAM.matcher(route.path());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = values.containsKey(name) ? values.get(name) : validPathValue(route, name);
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static List<String> pathParams(RouteTable.Route route) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAM.matcher(route.path());
        while (matcher.find()) {
            names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return names;
    }

    private String validPathValue(RouteTable.Route route, String name) {
        String path = route.path();
        return switch (name) {
            case "id" -> path.contains("/platform/") ? Long.toString(seed.tenantD)
                    : path.contains("/users/") ? seed.targetUserA
                    : path.contains("/followups/") ? seed.followupA : seed.conversationA;
            case "followup_id" -> seed.followupA;
            case "user_id" -> "visitor-a1";
            case "channel" -> "webchat";
            case "kind" -> "messages";
            case "token" -> "ExponentPushToken%5Bhostile%5D";
            case "file" -> "swagger-ui.css";
            case "path" -> "index.html";
            default -> "x";
        };
    }

    /** Tenant B's own id for a path that takes one: the attacker's other tenant, aimed at tenant A's routes. */
    private String foreignPathValue(RouteTable.Route route, String name) {
        String path = route.path();
        if (path.contains("/platform/")) {
            return null;
        }
        if (name.equals("id")) {
            return path.contains("/users/") ? seed.userB : path.contains("/followups/") ? seed.followupB : seed.conversationB;
        }
        return name.equals("followup_id") ? seed.followupB : null;
    }

    /** The credential the route's own clients send: what gets the bad input past authentication to validation. */
    private String credentialOf(RouteTable.Route route) {
        String path = route.path();
        if (path.equals("/api/v1/settings/widget/rotate-site-key")) {
            return "Bearer " + seed.adminC;
        }
        if (path.equals("/api/v1/auth/logout")) {
            return "Bearer " + seed.staffC;
        }
        return switch (route.access()) {
            case STAFF -> "Bearer " + seed.staffA;
            case ADMIN -> "Bearer " + seed.adminA;
            case PLATFORM -> "Bearer " + TwoTenants.PLATFORM_TOKEN;
            case VISITOR -> path.startsWith("/api/v1/widget/") && !path.endsWith("/config") && !path.endsWith("/sessions")
                    ? seed.visitorA : null;
            case PUBLIC, WEBHOOK -> null;
        };
    }

    private static List<String> otherCredentials(TwoTenants seed) {
        Algorithm right = Algorithm.HMAC256(TestServer.JWT_SECRET);
        Instant now = Instant.now();
        String none = JWT.create().withClaim("id", 1).withClaim("tenant_id", 1).withClaim("role", "admin")
                .withExpiresAt(now.plusSeconds(3600)).sign(Algorithm.none());
        String wrongKey = JWT.create().withClaim("id", 1).withClaim("tenant_id", 1).withClaim("role", "admin")
                .withExpiresAt(now.plusSeconds(3600)).sign(Algorithm.HMAC256("another-secret-that-is-long-enough-0123456789"));
        String otherTenant = JWT.create().withClaim("id", 1).withClaim("tenant_id", seed.tenantB).withClaim("role", "admin")
                .withClaim("email", TestServer.ADMIN_EMAIL).withExpiresAt(now.plusSeconds(3600)).sign(right);
        String expired = JWT.create().withClaim("id", 1).withClaim("tenant_id", 1).withClaim("role", "admin")
                .withExpiresAt(now.minusSeconds(3600)).sign(right);
        String stringId = JWT.create().withClaim("id", "1 OR 1=1").withClaim("tenant_id", "1").withClaim("role", "admin")
                .withExpiresAt(now.plusSeconds(3600)).sign(right);
        return java.util.Arrays.asList(null, "Bearer garbage", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer " + none,
                "Bearer " + wrongKey, "Bearer " + otherTenant, "Bearer " + expired, "Bearer " + stringId,
                "Bearer " + seed.adminB, "Bearer " + seed.staffA, "Bearer " + TwoTenants.PLATFORM_TOKEN, seed.visitorB,
                "Visitor abc", "Visitor :", "Visitor v_x:wrong", "Visitor " + "\u00e9".repeat(10) + ":x",
                "Bearer " + seed.adminA + "x");
    }

    private List<JsonNode> parameters(RouteTable.Route route) {
        JsonNode operation = operation(route);
        List<JsonNode> parameters = new ArrayList<>();
        if (operation != null) {
            operation.path("parameters").forEach(parameters::add);
        }
        return parameters;
    }

    private JsonNode bodySchema(RouteTable.Route route, String type) {
        JsonNode operation = operation(route);
        if (operation == null) {
            return null;
        }
        JsonNode schema = operation.path("requestBody").path("content").path(type).path("schema");
        return schema.isMissingNode() ? null : resolve(schema);
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return resolve(openApi.path("components").path("schemas").path(name));
        }
        return schema;
    }

    private Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            properties.put(property.getKey(), resolve(property.getValue()));
        }
        return properties;
    }

    /** A plausible value for each field the route needs, so a mutation of one field is judged on that field alone. */
    private Map<String, String> jsonDefaults(JsonNode schema) {
        Map<String, String> defaults = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        properties(schema).forEach((name, property) -> {
            String known = knownValue(name);
            if (known != null) {
                defaults.put(name, Api.json(known));
            } else if (required.contains(name)) {
                defaults.put(name, switch (property.path("type").asText()) {
                    case "integer", "number" -> "1";
                    case "boolean" -> "false";
                    case "array" -> "[]";
                    case "object" -> "{}";
                    default -> "\"x\"";
                });
            }
        });
        return defaults;
    }

    private Map<String, String> formDefaults(JsonNode schema) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String name : properties(schema).keySet()) {
            String known = knownValue(name);
            if (known != null) {
                defaults.put(name, URLEncoder.encode(known, StandardCharsets.UTF_8));
            }
        }
        return defaults;
    }

    private String knownValue(String field) {
        return switch (field) {
            case "text", "message", "Body" -> "hostile suite";
            case "client_id" -> "hostile-" + counter;
            case "channel" -> "webchat";
            case "external_id" -> "+15551230000";
            case "user_id" -> "visitor-a1";
            case "site_key" -> seed.siteKeyA;
            case "email", "username" -> TestServer.ADMIN_EMAIL;
            case "admin_email" -> "new-" + counter + "@hostile.example";
            case "name" -> "Hostile";
            case "role" -> "staff";
            // too short to be a new password and wrong as a current one: the request is refused before bcrypt runs
            case "password", "current_password", "new_password", "admin_password" -> "short";
            case "push_token", "token" -> "ExponentPushToken[hostile]";
            case "platform" -> "expo";
            case "From" -> "+15557650000";
            case "To" -> "+15550000000";
            case "MessageSid" -> "SM" + counter;
            case "MessageStatus" -> "sent";
            default -> null;
        };
    }

    private static String jsonObject(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(Api.json(name)).append(':').append(value));
        return json.append('}').toString();
    }

    private static byte[] formBody(Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            if (out.size() > 0) {
                out.write('&');
            }
            out.writeBytes((URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + value).getBytes(StandardCharsets.UTF_8));
        });
        return out.toByteArray();
    }

    static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 37) + "…(" + text.length() + ")" : text;
    }
}
