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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, "prove it, continuously": every route the server serves, attacked with generated bad requests (at least
 * a thousand per family of routes) on one real server holding two tenants. No answer may be a server error, an HTML
 * page, an error body in the wrong shape or saying "null:", or lack nosniff; no refused request may write a row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRoutesTest {
    private static final int CASES_PER_FAMILY = 1000;
    private static final int FAILURES_SHOWN = 25;

    private TestServer server;
    private HostileCases cases;
    private RawHttp http;
    private RowCounts rows;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(TestServer.withLifecycleOff(Map.of(
                "OMNICHAT_PLATFORM_TOKEN", TwoTenants.PLATFORM_TOKEN,
                "OMNICHAT_TRUST_PROXY", "true")));
        TwoTenants seed = new TwoTenants(server);
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
}
