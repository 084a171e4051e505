package com.omnichat.desktop.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.api.StaffUser;
import com.omnichat.desktop.support.AgainstRealServer;
import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Team screen against the real server: an admin adds, promotes, deactivates and reactivates a staff member and
 * resets their password, each checked by signing in over the API the way that person's app would.
 */
class TeamScreenTest extends AgainstRealServer {
    private static final String JANE = "jane@dwc.com";
    private static final String JANE_PASSWORD = "jane-first-password";

    private String adminToken;

    @BeforeEach
    void signInAsAdminOverTheApi() {
        adminToken = server.api().loginAdmin();
    }

    @Test
    void adminAddsAStaffMemberWhoCanSignInWithTheShownPassword() {
        openTeam();
        desktop.setText("#newUserEmail", JANE);
        desktop.setText("#newUserName", "Jane Doe");
        desktop.click("#addUser");

        desktop.waitFor("the initial password", () -> desktop.text("#teamMessage").contains("initial password: "));
        String password = desktop.text("#teamMessage").replaceFirst(".*initial password: ", "").trim();
        assertThat(login(JANE, password).status()).isEqualTo(200);
        JsonNode users = server.api().get("/api/v1/users", adminToken).body().path("data");
        assertThat(users.findValuesAsText("email")).contains(JANE);

        desktop.click("#copyPassword");
        assertThat(DesktopDriver.onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(password);
    }

    @Test
    void adminMakesAStaffMemberAnAdmin() {
        String jane = createJane();
        openTeam();
        desktop.waitFor("Jane's row", () -> rowTexts(JANE).contains("staff"));

        desktop.click("#role-" + jane);

        desktop.waitFor("the confirmation", () -> desktop.text("#teamMessage")
                .equals("Role of " + JANE + " is now admin"));
        desktop.waitFor("Jane shown as admin", () -> rowTexts(JANE).contains("admin"));
        assertThat(server.api().get("/api/v1/users/" + jane, adminToken).body().path("role").asText())
                .isEqualTo("admin");
        String token = server.api().login(JANE, JANE_PASSWORD);
        assertThat(server.api().get("/api/v1/auth/me", token).body().path("role").asText()).isEqualTo("admin");
        assertThat(text("#role-" + jane)).isEqualTo("Make staff");
    }

    @Test
    void deactivationIsConfirmedLocksTheUserOutAndCanBeUndone() {
        String jane = createJane();
        Api.Reply wrongPassword = login(JANE, "not-her-password-at-all");
        openTeam();

        desktop.click("#active-" + jane);
        desktop.click("#cancelAction");
        assertThat(login(JANE, JANE_PASSWORD).status()).as("cancelled: nothing changed").isEqualTo(200);
        assertThat(rowTexts(JANE)).contains("active");

        desktop.click("#active-" + jane);
        desktop.waitFor("the dialog", () -> dialogText().contains("Deactivate " + JANE + "?"));
        desktop.click("#confirmAction");

        desktop.waitFor("Jane shown as deactivated", () -> rowTexts(JANE).contains("deactivated"));
        assertThat(desktop.text("#teamMessage")).isEqualTo(JANE + " is deactivated");
        Api.Reply refused = login(JANE, JANE_PASSWORD);
        // The server answers a deactivated account exactly like a wrong password, so it reveals nothing.
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo(wrongPassword.body());
        assertThat(text("#active-" + jane)).isEqualTo("Activate");

        desktop.click("#active-" + jane);
        desktop.waitFor("Jane shown as active", () -> rowTexts(JANE).contains("active"));
        assertThat(desktop.text("#teamMessage")).isEqualTo(JANE + " can sign in again");
        assertThat(login(JANE, JANE_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void resetPasswordIsConfirmedAndOnlyTheShownPasswordWorksAfterwards() {
        String jane = createJane();
        String oldToken = server.api().login(JANE, JANE_PASSWORD);
        openTeam();

        desktop.click("#reset-" + jane);
        desktop.waitFor("the dialog", () -> dialogText().contains("Reset the password of " + JANE + "?"));
        desktop.click("#confirmAction");

        desktop.waitFor("the new password", () -> desktop.text("#teamMessage").startsWith("New password for " + JANE));
        String password = desktop.text("#teamMessage").replaceFirst(".*: ", "").trim();
        assertThat(login(JANE, password).status()).isEqualTo(200);
        assertThat(login(JANE, JANE_PASSWORD).status()).isEqualTo(401);
        assertThat(server.api().get("/api/v1/auth/me", oldToken).status()).as("signed out everywhere").isEqualTo(401);
    }

    @Test
    void theAdminCannotLockThemselfOutAndRefusalsShowTheServersReason() {
        JsonNode me = server.api().get("/api/v1/auth/me", adminToken).body();
        String self = me.path("id").asText();
        // What the server does on its own: the only admin can neither demote nor deactivate themself.
        Api.Reply demote = server.api().patch("/api/v1/users/" + self, adminToken, Map.of("role", "staff"));
        Api.Reply deactivate = server.api().patch("/api/v1/users/" + self, adminToken, Map.of("active", false));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(deactivate.status()).isEqualTo(409);
        // With a second admin it would allow both, so the screen itself keeps the buttons off the admin's own row.
        createJane();
        openTeam();
        desktop.waitFor("the rows", () -> rowTexts(JANE).contains("staff"));

        assertThat(rowTexts(TestServer.ADMIN_EMAIL)).anyMatch(text -> text.endsWith("(you)"));
        for (String action : List.of("role", "active", "reset")) {
            assertThat(DesktopDriver.onFx(() -> desktop.robot().lookup("#" + action + "-" + self)
                    .queryAs(Button.class).isDisabled())).as(action).isTrue();
        }

        desktop.setText("#newUserEmail", JANE);
        desktop.setText("#newUserName", "Another Jane");
        desktop.click("#addUser");
        desktop.waitFor("the server's reason", () -> "A user with this email already exists"
                .equals(desktop.text("#teamMessage")));
        assertThat(DesktopDriver.onFx(() -> desktop.robot().lookup("#teamMessage").query()
                .getPseudoClassStates().contains(PseudoClass.getPseudoClass("danger")))).isTrue();
    }

    private String createJane() {
        Api.Reply created = server.api().post("/api/v1/users", adminToken,
                Map.of("email", JANE, "name", "Jane Doe", "role", "staff", "password", JANE_PASSWORD));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private void openTeam() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.click("#navTeam");
        desktop.waitFor("the team table", () -> desktop.exists("#teamTable"));
    }

    private Api.Reply login(String email, String password) {
        return server.api().form("/api/v1/auth/login", Map.of("username", email, "password", password));
    }

    private String text(String query) {
        return DesktopDriver.onFx(() -> desktop.robot().lookup(query).queryButton().getText());
    }

    private String dialogText() {
        return DesktopDriver.onFx(() -> desktop.robot().lookup(".dialog-pane .label").queryAll().stream()
                .map(node -> ((Label) node).getText()).reduce("", String::concat));
    }

    /** The texts of the table row drawn for the user with this email, as the admin reads them. */
    @SuppressWarnings("unchecked")
    private List<String> rowTexts(String email) {
        return DesktopDriver.onFx(() -> desktop.robot().lookup("#teamTable .table-row-cell").queryAll().stream()
                .map(node -> (TableRow<StaffUser>) node)
                .filter(row -> row.getItem() != null && email.equals(row.getItem().email()))
                .flatMap(row -> row.getChildrenUnmodifiable().stream())
                .filter(TableCell.class::isInstance)
                .map(cell -> ((TableCell<?, ?>) cell).getText())
                .filter(Objects::nonNull)
                .toList());
    }
}
