package com.omnichat.desktop.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin adds a staff member on the Team screen and hands over the generated password, which works. */
class TeamScreenTest {
    private TestServer server;
    private DesktopDriver desktop;

    @BeforeEach
    void start() {
        server = TestServer.start();
        desktop = DesktopDriver.start();
    }

    @AfterEach
    void stop() {
        desktop.close();
        server.close();
    }

    @Test
    void adminAddsAStaffMemberWhoCanSignInWithTheShownPassword() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.click("#navTeam");
        desktop.waitFor("the team table", () -> desktop.exists("#teamTable"));
        desktop.setText("#newUserEmail", "jane@dwc.com");
        desktop.setText("#newUserName", "Jane Doe");
        desktop.click("#addUser");

        desktop.waitFor("the initial password", () -> desktop.text("#teamMessage").contains("initial password: "));
        String password = desktop.text("#teamMessage").replaceFirst(".*initial password: ", "").trim();
        Map<String, String> form = Map.of("username", "jane@dwc.com", "password", password);
        assertThat(server.api().form("/api/v1/auth/login", form).status()).isEqualTo(200);
        String token = server.api().loginAdmin();
        JsonNode users = server.api().get("/api/v1/users", token).body().path("data");
        assertThat(users.findValuesAsText("email")).contains("jane@dwc.com");
    }
}
