package com.omnichat.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, "prove it, continuously": every route the server serves, attacked with generated bad requests (at least
 * a thousand per family of routes) on one real server holding two tenants. No answer may be a server error, an HTML
 * page, an error body in the wrong shape or saying "null:", or lack nosniff; no refused request may write a row. The
 * sockets' first frames get the same treatment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRoutesTest {
    private static final int CASES_PER_FAMILY = 1000;
    private static final int FAILURES_SHOWN = 25;

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private TestServer server;
    private TwoTenants seed;
    private HostileCases cases;
    private RawHttp http;
    private RowCounts rows;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(TestServer.withLifecycleOff(Map.of(
                "OMNICHAT_PLATFORM_TOKEN", TwoTenants.PLATFORM_TOKEN,
                "OMNICHAT_TRUST_PROXY", "true")));
        seed = new TwoTenants(server);
        JsonNode openApi = server.api().get("/openapi.json", null).body();
        cases = new HostileCases(seed, openApi);
        http = new RawHttp(server.port());
        rows = new RowCounts(server.dataDir().resolve("omnichat.db"));
    }

    @AfterAll
    void stop() throws Exception {
        rows.close();
        server.close();
    }

    @Test
    void everyServedRouteIsInTheTableAndHasGeneratedCases() {
        Set<String> served = server.server().servedRoutes().stream()
                .filter(route -> !route.method().equals("OPTIONS"))
                .map(route -> route.method() + " " + route.path())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> tabled = routes().stream().map(route -> route.method() + " " + route.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(tabled).as("every route Javalin serves is registered through the RouteTable").isEqualTo(served);
        for (RouteTable.Route route : routes()) {
            assertThat(cases.operation(route)).as("%s %s is in the OpenAPI document the cases come from",
                    route.method(), route.path()).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(RouteFamily.class)
    void aThousandBadRequestsPerFamilyGetCleanRefusalsThatWriteNothing(RouteFamily family) {
        List<HostileCases.Case> attack = attackOn(family);
        assertThat(attack.size()).as("cases for " + family).isGreaterThanOrEqualTo(CASES_PER_FAMILY);
        List<String> failures = new ArrayList<>();
        for (HostileCases.Case c : attack) {
            Map<String, Long> before = rows.now();
            RawHttp.Response response = http.send(c.request());
            List<String> problems = new ArrayList<>(Verdict.problems(c.request(), response));
            if (response.status() >= 400 && response.status() < 500) {
                Map<String, Long> after = rows.now();
                if (!after.equals(before)) {
                    problems.add("refused with " + response.status() + " yet wrote rows: " + changed(before, after));
                }
            }
            if (!problems.isEmpty()) {
                failures.add(c.route() + " / " + c.what() + " → " + response.status() + ": " + String.join("; ", problems));
            }
        }
        assertThat(failures.subList(0, Math.min(FAILURES_SHOWN, failures.size())))
                .as(family + ": %d of %d cases failed; the first ones", failures.size(), attack.size())
                .isEmpty();
    }

    private List<HostileCases.Case> attackOn(RouteFamily family) {
        List<RouteTable.Route> routes = routes().stream().filter(route -> RouteFamily.of(route) == family).toList();
        List<HostileCases.Case> attack = new ArrayList<>();
        for (RouteTable.Route route : routes) {
            attack.addAll(cases.forRoute(route));
        }
        for (int round = 1; attack.size() < CASES_PER_FAMILY && !routes.isEmpty(); round++) {
            for (RouteTable.Route route : routes) {
                attack.addAll(cases.againAs(route, round));
            }
        }
        return attack;
    }

    private List<RouteTable.Route> routes() {
        return server.server().routes();
    }

    private static String changed(Map<String, Long> before, Map<String, Long> after) {
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        return keys.stream().filter(key -> !java.util.Objects.equals(before.get(key), after.get(key)))
                .map(key -> key + " " + before.get(key) + "→" + after.get(key)).collect(Collectors.joining(", "));
    }

    @Test
    /**
     * Every socket, opened with its client's own credentials, then sent a hostile first frame: the server takes it or
     * closes with a refusal code, never 1011 (its own failure), never an error saying "null:", and a refused frame
     * wrote nothing.
     */
    void everySocketTakesOrRefusesHostileFirstFramesCleanly() throws Exception {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        Map<Integer, Integer> codes = new java.util.TreeMap<>();
        for (RouteTable.Route route : server.server().routes()) {
            if (!route.method().equals("WS")) {
                continue;
            }
            for (String frame : frames()) {
                cases++;
                Map<String, Long> before = rows.now();
                Answer answer = firstAnswer(route, frame);
                String what = route.path() + " / " + HostileCases.abbreviate(frame) + " → " + answer;
                int code = answer.closeCode();
                codes.merge(code, 1, Integer::sum);
                // -1: the connection dropped under our close (a refusal racing it); the server's own failure is 1011
                if (code == 1011) {
                    failures.add(what + ": the server failed");
                }
                if (answer.text() != null && answer.text().contains("\"null:")) {
                    failures.add(what + ": a message says null:");
                }
                if (code != 1000 && !rows.now().equals(before)) {
                    failures.add(what + ": refused yet wrote rows");
                }
            }
        }
        assertThat(cases).as("first frames tried").isGreaterThanOrEqualTo(100);
        assertThat(codes.keySet()).as("close codes seen " + codes + ": the sockets refused some frames and took others")
                .contains(1000).anyMatch(code -> code != 1000);
        assertThat(failures).as("of %d first frames", cases).isEmpty();
    }

    private List<String> frames() {
        return List.of("", " ", "null", "[]", "{", "}", "\"hello\"", "123", "{\"type\":5}", "{\"type\":null}",
                "{\"type\":\"hello\",\"data\":[]}", "{\"type\":\"hello\",\"data\":{\"since\":-1}}",
                "{\"type\":\"hello\",\"data\":{\"since\":\"x\"}}", "{\"type\":\"hello\",\"data\":{\"since\":1e999}}",
                "{\"type\":\"hello\",\"data\":{\"since\":99999999999999999999999}}",
                "{\"type\":\"hello\",\"type\":\"message\",\"data\":{}}", "{\"type\":\"message\",\"data\":{\"text\":\"\\ud800\"}}",
                "{\"type\":\"message\",\"data\":{\"text\":\"\\u0000\"}}", "{\"type\":\"send\",\"data\":{\"client_id\":[],\"text\":{}}}",
                "{\"action\":\"send\",\"user_id\":\"visitor-a1\",\"channel\":\"webchat\",\"text\":5}",
                "{\"action\":\"close\",\"user_id\":[]}", "{\"action\":\"\\u202e\"}", "{\"text\":\"\\ud800\"}",
                "{\"text\":\"" + "😀".repeat(10_001) + "\"}", HostileValues.nested(600), HostileValues.nested(30_000),
                "x".repeat(70_000), "{\"type\":\"ping\"}", "{\"type\":\"typing\",\"data\":{\"conversation_id\":\""
                        + seed.conversationB + "\"}}", "\u0000", "\u202e\u200b", "{\"__proto__\":{}}");
    }

    private String urlOf(RouteTable.Route route) {
        String path = route.path().replace("{user_id}", "visitor-a1");
        if (path.equals("/admin-ws")) {
            path += "?token=" + seed.staffA;
        }
        return server.wsUrl(path);
    }

    private Map<String, String> headersOf(RouteTable.Route route) {
        return switch (route.path()) {
            case "/api/v1/stream" -> Map.of("Authorization", "Bearer " + seed.staffA);
            case "/api/v1/widget/stream" -> Map.of("Authorization", seed.visitorA);
            default -> Map.of();
        };
    }

    record Answer(int closeCode, String text) {
        @Override
        public String toString() {
            return "closed " + closeCode + (text == null || text.isEmpty() ? "" : " after " + HostileCases.abbreviate(text));
        }
    }

    /**
     * Sends the frame, then a normal close: frames are handled in order, so the close code that comes back is the
     * server's verdict on the frame (its own refusal code) or the echo of ours (1000) when it took the frame.
     */
    private Answer firstAnswer(RouteTable.Route route, String frame) throws Exception {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        StringBuilder texts = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                synchronized (texts) {
                    texts.append(data);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                synchronized (texts) {
                    answer.complete(new Answer(code, texts.toString()));
                }
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                answer.complete(new Answer(-1, String.valueOf(error)));
            }
        };
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headersOf(route).forEach(builder::header);
        WebSocket socket = builder.buildAsync(URI.create(urlOf(route)), listener).get(15, TimeUnit.SECONDS);
        try {
            socket.sendText(frame, true).get(15, TimeUnit.SECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException closedFirst) {
            // the server closed before our frames were out: its close code below is the verdict
        }
        try {
            return answer.get(15, TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }
}
