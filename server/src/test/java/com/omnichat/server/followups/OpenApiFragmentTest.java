package com.omnichat.server.followups;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route of followups, history, exports, audit and push is described in openapi/followups.json. */
class OpenApiFragmentTest {
    private static final Set<String> PREFIXES = Set.of("/admin/api/followups", "/admin/api/history",
            "/admin/api/push-token", "/api/v1/followups", "/api/v1/history", "/api/v1/exports", "/api/v1/audit-events",
            "/api/v1/me/push-tokens");

    @Test
    void theFragmentDescribesEveryRouteOfTheseFeatures() throws Exception {
        JsonNode fragment;
        try (InputStream in = getClass().getResourceAsStream("/openapi/followups.json")) {
            fragment = Api.JSON.readTree(in);
        }
        Set<String> described = new TreeSet<>();
        fragment.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        try (TestServer server = TestServer.start()) {
            Set<String> served = server.server().routes().stream()
                    .filter(r -> PREFIXES.stream().anyMatch(r.path()::startsWith))
                    .map(r -> r.method() + " " + r.path())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(served).hasSize(17);
            assertThat(described).isEqualTo(served);
        }
    }
}
