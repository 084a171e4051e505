package com.omnichat.desktop.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.desktop.support.Visitor;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Must-show (c): staff of another tenant sees none of tenant A's conversations, loaded or live. */
class TenantIsolationTest {
    private static final String PLATFORM_TOKEN = "platform-token-that-is-long-enough-0123456789";

    private TestServer server;
    private DesktopDriver desktop;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("OMNICHAT_PLATFORM_TOKEN", PLATFORM_TOKEN));
        desktop = DesktopDriver.start();
    }

    @AfterEach
    void stop() {
        desktop.close();
        server.close();
    }

    @Test
    void staffOfAnotherTenantSeesNoneOfTenantAsConversations() {
        Api.Reply created = server.api().post("/api/v1/platform/tenants", PLATFORM_TOKEN, Map.of("name", "Other Shop",
                "admin_email", "boss@other.example", "admin_password", "other-shop-password"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode tenantB = created.body();
        String siteKeyA = server.server().bootstrap().orElseThrow().siteKey();
        Visitor.arrive(server, siteKeyA).say("A message for tenant A only");
        Visitor.arrive(server,
                tenantB.path("tenant").path("site_key").asText()).say("A message for tenant B");

        desktop.signInAndWaitForInbox(server.baseUrl(), "boss@other.example", "other-shop-password");
        desktop.waitFor("tenant B's own conversation", () -> desktop.inboxRows().size() == 1);

        Visitor.arrive(server, siteKeyA).say("Another one for tenant A, while B is connected");
        Visitor lateB = Visitor.arrive(server, tenantB.path("tenant").path("site_key").asText());
        lateB.say("A second visitor of tenant B");
        desktop.waitFor("tenant B's live conversation", () -> desktop.workspace().inbox().conversations().size() == 2);

        for (String tab : new String[]{"#tabOpen", "#tabEscalated", "#tabMine", "#tabClosed"}) {
            desktop.robot().clickOn(tab);
            assertThat(desktop.inboxRows()).noneMatch(c -> c.lastMessage() != null
                    && c.lastMessage().text().contains("tenant A"));
        }
        assertThat(desktop.workspace().inbox().conversations())
                .allMatch(c -> !c.lastMessage().text().contains("tenant A"))
                .hasSize(2);
    }
}
