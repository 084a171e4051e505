package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A widget origin belongs to one tenant (PROTOCOL.md §C.5): keyless legacy traffic is routed by its Origin, so a second
 * tenant listing it would divert the first one's visitors or send them to the default tenant.
 */
class WidgetOriginOwnershipTest {
    private static final String SHOP = "https://shop.example";
    private static final String SETTINGS = "/api/v1/settings";

    private TestServer server;
    private Api api;
    private String adminA;
    private String adminB;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        server.server().tenants().create("Other", "other@example.com", "Other Admin", Optional.of("other-password-1"));
        adminA = api.loginAdmin();
        adminB = api.login("other@example.com", "other-password-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Api.Reply listOrigins(String token, List<String> origins) {
        return api.patch(SETTINGS, token, Map.of("widget", Map.of("allowed_origins", origins)));
    }

    @Test
    void aSecondTenantListingAnOriginIsRefusedAndTheFirstKeepsItsVisitors() {
        assertThat(listOrigins(adminA, List.of(SHOP)).status()).isEqualTo(200);
        JsonNode before = api.get(SETTINGS, adminB).body();

        Api.Reply claimed = api.patch(SETTINGS, adminB, Map.of("widget", Map.of("allowed_origins", List.of(SHOP),
                "title", "Hijacked")));
        Api.Reply otherCase = listOrigins(adminB, List.of("https://SHOP.example"));

        assertThat(claimed.status()).isEqualTo(409);
        assertThat(claimed.body().at("/error/code").asText()).isEqualTo("conflict");
        assertThat(claimed.body().at("/error/details/fields").has("widget.allowed_origins")).isTrue();
        assertThat(otherCase.status()).as("origins compare without case").isEqualTo(409);
        assertThat(api.get(SETTINGS, adminB).body()).as("nothing of the refused PATCH was saved").isEqualTo(before);

        assertThat(api.raw("POST", "/webchat", null, "application/json",
                "{\"user_id\":\"shopper-1\",\"text\":\"hello\"}", Map.of("Origin", SHOP)).status()).isEqualTo(200);
        assertThat(conversation(adminA, "shopper-1").isNull()).as("tenant A still gets its keyless visitors").isFalse();
        assertThat(conversation(adminB, "shopper-1").isNull()).isTrue();
        try (TestSocket visitor = TestSocket.open(server.wsUrl("/ws/shopper-1"), Map.of("Origin", SHOP))) {
            assertThat(api.post("/admin/api/send", adminA,
                    Map.of("user_id", "shopper-1", "channel", "webchat", "text", "Hi from A")).status()).isEqualTo(200);
            assertThat(visitor.nextMatching(f -> f.path("sender").asText().equals("staff")).get("text").asText())
                    .isEqualTo("Hi from A");
        }
    }

    @Test
    void anOriginGivenUpCanBeListedByAnotherTenant() {
        assertThat(listOrigins(adminA, List.of(SHOP, "*")).status()).isEqualTo(200);
        assertThat(listOrigins(adminB, List.of("*")).status()).as("a wildcard belongs to nobody").isEqualTo(200);
        assertThat(listOrigins(adminB, List.of(SHOP)).status()).isEqualTo(409);

        assertThat(listOrigins(adminA, List.of()).status()).isEqualTo(200);

        assertThat(listOrigins(adminB, List.of(SHOP)).status()).isEqualTo(200);
        assertThat(listOrigins(adminA, List.of(SHOP)).status()).isEqualTo(409);
    }

    @Test
    void twoTenantsClaimingOneOriginAtOnceCannotBothWin() throws Exception {
        for (int round = 0; round < 10; round++) {
            String origin = "https://race-" + round + ".example";
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> claimAfter(go, adminA, origin));
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> claimAfter(go, adminB, origin));
            go.countDown();

            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 409);
            long holders = List.of(adminA, adminB).stream().filter(token -> api.get(SETTINGS, token).body()
                    .at("/widget/allowed_origins").toString().contains(origin)).count();
            assertThat(holders).isEqualTo(1);
        }
    }

    @Test
    void aTenantCannotClaimAnOriginTheServerRoutesToTheDefaultTenant() {
        try (TestServer shared = TestServer.start(Map.of("OMNICHAT_WIDGET_ORIGINS", SHOP))) {
            shared.server().tenants().create("Other", "other@example.com", "Other Admin",
                    Optional.of("other-password-1"));
            String other = shared.api().login("other@example.com", "other-password-1");

            Api.Reply claimed = shared.api().patch(SETTINGS, other,
                    Map.of("widget", Map.of("allowed_origins", List.of(SHOP))));

            assertThat(claimed.status()).isEqualTo(409);
            assertThat(shared.api().patch(SETTINGS, shared.api().loginAdmin(),
                    Map.of("widget", Map.of("allowed_origins", List.of(SHOP)))).status())
                    .as("the default tenant may list it").isEqualTo(200);
        }
    }

    @Test
    void aDuplicateFromBeforeOwnershipBlocksNeitherTenantUntilOneGivesItUp() throws SQLException {
        listBehindTheServersBack(1, SHOP);
        listBehindTheServersBack(2, SHOP);

        assertThat(api.patch(SETTINGS, adminB, Map.of("widget", Map.of("title", "B's chat"))).status())
                .as("an old duplicate does not stop other changes").isEqualTo(200);
        assertThat(api.patch(SETTINGS, adminA, Map.of("widget", Map.of("title", "A's chat"))).status()).isEqualTo(200);

        assertThat(listOrigins(adminB, List.of()).status()).isEqualTo(200);
        assertThat(api.patch(SETTINGS, adminA, Map.of("widget", Map.of("title", "A's chat, now the owner")))
                .status()).isEqualTo(200);
        assertThat(listOrigins(adminB, List.of(SHOP)).status()).isEqualTo(409);
    }

    /** Settings as a version before origin ownership could have left them: written straight into the database. */
    private void listBehindTheServersBack(long tenantId, String origin) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE tenants SET settings = json_set(settings, '$.widget', json(?)) WHERE id = ?")) {
            ps.setString(1, "{\"allowed_origins\":[\"" + origin + "\"]}");
            ps.setLong(2, tenantId);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private int claimAfter(CountDownLatch go, String token, String origin) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return listOrigins(token, List.of(origin)).status();
    }

    private JsonNode conversation(String token, String userId) {
        return api.get("/admin/api/messages/" + userId + "/webchat", token).body().get("conversation");
    }
}
