package com.omnichat.server.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff of tenant B reach nothing of tenant A through the legacy staff routes and sockets (PROTOCOL.md §B.2). */
class LegacyIsolationTest {
    private static final String SECRET = "tenant A secret text";
    private static final String VISITOR_A = "visitor-of-a";

    private static TestServer server;
    private static Api api;
    private static String tokenA;
    private static String tokenB;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        tokenA = api.loginAdmin();
        server.server().tenants().create("B", "b@example.com", "B Admin", Optional.of("b-password-123"));
        tokenB = api.login("b@example.com", "b-password-123");
        assertThat(api.post("/webchat", null, Map.of("user_id", VISITOR_A, "text", SECRET)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final Map<String, Function<String, Api.Reply>> CASES = Map.of(
            "convos", t -> api.get("/admin/api/convos", t),
            "escalated", t -> api.get("/admin/api/escalated", t),
            "conversations", t -> api.get("/admin/api/conversations?status=open", t),
            "messages", t -> api.get("/admin/api/messages/" + VISITOR_A + "/webchat", t),
            "send", t -> api.post("/admin/api/send", t, Map.of("user_id", VISITOR_A, "channel", "webchat", "text", "from B")),
            "close", t -> api.post("/handoff/close", t, Map.of("user_id", VISITOR_A)),
            "close-bulk", t -> api.post("/handoff/close-bulk", t, Map.of("conversations", List.of(Map.of("user_id", VISITOR_A)))));

    @Test
    void tenantBGetsNothingOfTenantAOnAnyLegacyStaffRoute() {
        int messagesBefore = conversationOfA().get("message_count").asInt();
        CASES.forEach((name, call) -> {
            Api.Reply reply = call.apply(tokenB);
            assertThat(reply.text()).as(name).doesNotContain(SECRET).doesNotContain(VISITOR_A + "\"");
        });
        assertThat(CASES.get("messages").apply(tokenB).text()).isEqualTo("{\"messages\":[],\"conversation\":null}");
        assertThat(CASES.get("send").apply(tokenB).status()).isEqualTo(404);
        assertThat(CASES.get("close").apply(tokenB).status()).isEqualTo(404);
        assertThat(CASES.get("close-bulk").apply(tokenB).body().get("closed").asInt()).isZero();

        JsonNode row = conversationOfA();
        assertThat(row.get("open").asInt()).as("B could not close it").isEqualTo(1);
        assertThat(row.get("message_count").asInt()).as("B could not write into it").isEqualTo(messagesBefore);
    }

    private static JsonNode conversationOfA() {
        return api.get("/admin/api/messages/" + VISITOR_A + "/webchat", tokenA).body().get("conversation");
    }

    @Test
    void tenantBStaffSocketHearsNothingOfTenantA() {
        try (TestSocket socketB = TestSocket.open(server.wsUrl("/admin-ws?token=" + tokenB));
             TestSocket socketA = TestSocket.open(server.wsUrl("/admin-ws?token=" + tokenA))) {
            socketA.nextOfType("snapshot");
            String siteKeyB = server.server().tenants().list().stream().filter(t -> t.name().equals("B"))
                    .findFirst().orElseThrow().siteKey();
            api.raw("POST", "/webchat", null, "application/json",
                    "{\"user_id\":\"visitor-of-b\",\"text\":\"for B\"}", Map.of("X-Site-Key", siteKeyB));
            assertThat(api.post("/webchat", null, Map.of("user_id", VISITOR_A, "text", SECRET + " again")).status())
                    .isEqualTo(200);
            socketA.nextMatching(f -> f.path("text").asText().equals(SECRET + " again"));

            JsonNode first = socketB.next();
            assertThat(first.toString()).doesNotContain(SECRET);
            assertThat(first.get("user_id").asText()).isEqualTo("visitor-of-b");
        }
    }
}
