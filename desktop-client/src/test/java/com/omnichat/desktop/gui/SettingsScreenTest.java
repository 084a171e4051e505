package com.omnichat.desktop.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.server.support.TestServer;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.web.WebView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's Settings screen against a real server: what it shows, what a save sends, how a refusal looks, the
 * real widget in the preview, the embed snippet, and secrets that never reach the screen.
 */
class SettingsScreenTest {
    private static final String TWILIO_TOKEN = "env-twilio-auth-token-0123456789-ENVT";
    private static final String PAGE_TOKEN = "env-page-token-must-not-show-0123";

    private TestServer server;
    private DesktopDriver desktop;

    private void start(Map<String, String> env) {
        server = TestServer.start(env);
        desktop = DesktopDriver.start();
    }

    @AfterEach
    void stop() {
        if (desktop != null) {
            desktop.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void startWithChannels() {
        start(Map.of("PUBLIC_BASE_URL", "https://chat.example.com",
                "TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef", "TWILIO_AUTH_TOKEN", TWILIO_TOKEN,
                "TWILIO_NUMBER", "+15550001000", "FB_PAGE_ID", "998877", "FB_PAGE_ACCESS_TOKEN", PAGE_TOKEN));
    }

    private JsonNode serverSettings() {
        return server.api().get("/api/v1/settings", server.api().loginAdmin()).body();
    }

    private void openSettings() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.click("#navSettings");
        desktop.waitFor("the settings from the server",
                () -> !desktop.text("#embedSnippet").isEmpty() && !desktop.text("#widgetTitle").isEmpty());
    }

    @Test
    void adminChangesTheWidgetHoursAndAutoCloseAndTheServerKeepsThem() {
        startWithChannels();
        JsonNode before = serverSettings();
        openSettings();
        assertThat(desktop.text("#widgetTitle")).isEqualTo(before.at("/widget/title").asText());
        assertThat(desktop.text("#widgetPrimaryColor")).isEqualTo(before.at("/widget/primary_color").asText());
        assertThat(desktop.text("#autoCloseMinutes")).isEqualTo(before.get("auto_close_minutes").asText());
        assertThat(desktop.text("#twilioSmsNumber")).isEqualTo("+15550001000");
        assertThat(checked("#alwaysOpen")).as("no business hours: always open").isTrue();

        String savedTitle = before.at("/widget/title").asText();
        desktop.waitFor("the real widget in the preview", () -> savedTitle.equals(previewTitle()));
        desktop.setText("#widgetTitle", "Talk to Northwind");
        desktop.waitFor("the preview showing the unsaved title", () -> "Talk to Northwind".equals(previewTitle()));
        desktop.setText("#widgetPrimaryColor", "#112233");
        desktop.setText("#autoCloseMinutes", "45");
        desktop.click("#settingsTabHours");
        desktop.click("#alwaysOpen");
        desktop.click("#businessHoursMonOpen");
        desktop.setText("#businessHoursMonOpens", "08:30");
        desktop.setText("#businessHoursMonCloses", "16:00");
        desktop.click("#saveSettings");

        desktop.waitFor("the save", () -> "Settings saved.".equals(desktop.text("#settingsMessage")));
        JsonNode after = serverSettings();
        assertThat(after.at("/widget/title").asText()).isEqualTo("Talk to Northwind");
        assertThat(after.at("/widget/primary_color").asText()).isEqualTo("#112233");
        assertThat(after.get("auto_close_minutes").asInt()).isEqualTo(45);
        assertThat(after.at("/business_hours/mon/0/0").asText()).isEqualTo("08:30");
        assertThat(after.at("/business_hours/mon/0/1").asText()).isEqualTo("16:00");
        assertThat(after.at("/business_hours/tue")).as("a newly scheduled week: the other days closed").isEmpty();
        assertThat(after.at("/widget/position")).isEqualTo(before.at("/widget/position"));
        assertThat(after.at("/twilio/auth_token_set").asBoolean()).as("an empty secret field changes nothing").isTrue();
        assertThat(changedKeys()).as("only the changed fields were sent")
                .containsExactlyInAnyOrder("widget.title", "widget.primary_color", "auto_close_minutes",
                        "business_hours");

        desktop.click("#settingsTabWidget");
        desktop.waitFor("the preview showing the saved title", () -> "Talk to Northwind".equals(previewTitle()));
        assertThat(previewScript("document.querySelector('script').src")).isEqualTo(server.baseUrl() + "/widget.js");
        assertThat(previewScript("getComputedStyle(document.querySelector('omnichat-widget').shadowRoot"
                + ".querySelector('.w')).getPropertyValue('--c').trim()")).isEqualTo("#112233");
    }

    @Test
    void changesByAnotherAdminShowUpAndNeverOverwriteEditsInProgress() {
        start(Map.of());
        openSettings();
        String admin = server.api().loginAdmin();

        assertThat(server.api().patch("/api/v1/settings", admin, Map.of("widget", Map.of("title", "Ask Northwind")))
                .status()).isEqualTo(200);
        desktop.waitFor("the other admin's title on the form", () -> "Ask Northwind".equals(desktop.text("#widgetTitle")));

        desktop.setText("#widgetTitle", "My own title, not saved yet");
        assertThat(server.api().patch("/api/v1/settings", admin, Map.of("auto_close_minutes", 90)).status())
                .isEqualTo(200);
        desktop.waitFor("a notice about the change", () -> desktop.text("#settingsMessage").contains("meanwhile"));
        assertThat(desktop.text("#widgetTitle")).isEqualTo("My own title, not saved yet");

        desktop.click("#saveSettings");
        desktop.waitFor("the save", () -> "Settings saved.".equals(desktop.text("#settingsMessage")));
        JsonNode after = serverSettings();
        assertThat(after.at("/widget/title").asText()).isEqualTo("My own title, not saved yet");
        assertThat(after.get("auto_close_minutes").asInt()).as("the other admin's change kept").isEqualTo(90);
        assertThat(desktop.text("#autoCloseMinutes")).isEqualTo("90");
    }

    @Test
    void aDayWithALunchBreakKeepsBothRangesAndLosesTheSecondWhenRemoved() {
        start(Map.of());
        openSettings();
        desktop.click("#settingsTabHours");
        desktop.click("#alwaysOpen");
        desktop.click("#businessHoursMonOpen");
        desktop.setText("#businessHoursMonOpens", "09:00");
        desktop.setText("#businessHoursMonCloses", "12:00");
        desktop.click("#businessHoursMonAddRange");
        desktop.waitFor("a second range", () -> desktop.exists("#businessHoursMonOpens2"));
        assertThat(desktop.text("#businessHoursMonOpens2")).as("starts where the first ends").isEqualTo("12:00");
        desktop.setText("#businessHoursMonOpens2", "13:00");
        desktop.setText("#businessHoursMonCloses2", "17:30");
        desktop.click("#saveSettings");

        desktop.waitFor("the save", () -> "Settings saved.".equals(desktop.text("#settingsMessage")));
        JsonNode monday = serverSettings().at("/business_hours/mon");
        assertThat(monday.toString()).isEqualTo("[[\"09:00\",\"12:00\"],[\"13:00\",\"17:30\"]]");
        assertThat(desktop.text("#businessHoursMonCloses2")).as("shown again as the server keeps it").isEqualTo("17:30");

        desktop.click("#businessHoursMonRemoveRange2");
        desktop.waitFor("one range left", () -> !desktop.exists("#businessHoursMonOpens2"));
        desktop.click("#saveSettings");
        desktop.waitFor("the second save", () -> serverSettings().at("/business_hours/mon").size() == 1);
        assertThat(serverSettings().at("/business_hours/mon/0").toString()).isEqualTo("[\"09:00\",\"12:00\"]");
    }

    @Test
    void badValuesShowTheServersErrorsAndChangeNothing() {
        start(Map.of());
        JsonNode before = serverSettings();
        openSettings();

        desktop.setText("#widgetTitle", "Not saved");
        desktop.setText("#widgetPrimaryColor", "blue");
        desktop.click("#settingsTabTimers");
        desktop.setText("#autoCloseMinutes", "-5");
        desktop.click("#saveSettings");

        desktop.waitFor("the refusal", () -> desktop.text("#settingsMessage").startsWith("Not saved: "));
        desktop.waitFor("the auto-close error", () -> visibleText("#autoCloseMinutesError") != null);
        assertThat(visibleText("#widgetPrimaryColorError")).isNotBlank();
        assertThat(visibleText("#widgetTitleError")).as("a valid field has no error").isNull();
        assertThat(desktop.exists("#settingsTabWidgetError")).as("the other tab with an error is marked").isTrue();
        assertThat(desktop.exists("#settingsTabChannelsError")).isFalse();
        assertThat(serverSettings()).isEqualTo(before);
        assertThat(desktop.text("#widgetTitle")).as("the admin's edits stay for correction").isEqualTo("Not saved");

        desktop.setText("#autoCloseMinutes", before.get("auto_close_minutes").asText());
        desktop.setText("#widgetPrimaryColor", "#abcdef");
        desktop.click("#saveSettings");
        desktop.waitFor("the corrected save", () -> "Settings saved.".equals(desktop.text("#settingsMessage")));
        assertThat(visibleText("#autoCloseMinutesError")).isNull();
        assertThat(desktop.exists("#settingsTabTimersError")).isFalse();
        assertThat(serverSettings().at("/widget/primary_color").asText()).isEqualTo("#abcdef");
    }

    @Test
    void secretsAreMaskedAndTheSnippetIsCopiedAndTheSiteKeyRotated() {
        startWithChannels();
        String siteKey = serverSettings().at("/widget/site_key").asText();
        openSettings();
        desktop.click("#settingsTabChannels");
        assertThat(desktop.text("#twilioAuthTokenStatus")).isEqualTo("Set (…ENVT)");
        assertThat(desktop.text("#messengerPageAccessTokenStatus")).isEqualTo("Set");
        assertThat(desktop.text("#messengerAppSecretStatus")).isEqualTo("Not set");
        assertThat(desktop.text("#twilioAuthToken")).isEmpty();
        assertThat(allTextOnScreen()).noneMatch(text -> text.contains(TWILIO_TOKEN) || text.contains(PAGE_TOKEN));

        desktop.click("#settingsTabWidget");
        assertThat(desktop.text("#embedSnippet")).contains(server.baseUrl() + "/widget.js")
                .contains("data-site-key=\"" + siteKey + "\"");
        desktop.click("#copySnippet");
        String copied = DesktopDriver.onFx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(copied).isEqualTo(desktop.text("#embedSnippet")).contains(siteKey);

        desktop.click("#rotateSiteKey");
        desktop.waitFor("the confirmation", () -> desktop.exists(".dialog-pane"));
        desktop.robot().clickOn(DesktopDriver.onFx(() -> desktop.robot().lookup(".dialog-pane")
                .queryAs(DialogPane.class).lookupButton(ButtonType.OK)));
        desktop.waitFor("the new site key", () -> !desktop.text("#embedSnippet").contains(siteKey));
        String rotated = serverSettings().at("/widget/site_key").asText();
        assertThat(rotated).isNotEqualTo(siteKey);
        assertThat(desktop.text("#embedSnippet")).contains("data-site-key=\"" + rotated + "\"");
    }

    @Test
    void staffHaveNoSettingsButton() {
        start(Map.of());
        String admin = server.api().loginAdmin();
        server.api().post("/api/v1/users", admin, Map.of("email", "sam@dwc.com", "name", "Sam", "role", "staff",
                "password", "staff-password-long"));
        desktop.signInAndWaitForInbox(server.baseUrl(), "sam@dwc.com", "staff-password-long");
        assertThat(desktop.exists("#navInbox")).isTrue();
        assertThat(desktop.exists("#navSettings")).isFalse();
    }

    private List<String> changedKeys() {
        JsonNode events = server.api().get("/api/v1/audit-events?type=settings.updated", server.api().loginAdmin())
                .body().path("data");
        assertThat(events).hasSize(1);
        List<String> keys = new ArrayList<>();
        events.get(0).at("/details/keys").forEach(key -> keys.add(key.asText()));
        return keys;
    }

    private boolean checked(String query) {
        return DesktopDriver.onFx(() -> desktop.robot().lookup(query).queryAs(CheckBox.class).isSelected());
    }

    /** The label's text when it is shown, else null. */
    private String visibleText(String query) {
        return DesktopDriver.onFx(() -> {
            Labeled label = desktop.robot().lookup(query).queryAs(Labeled.class);
            return label.isVisible() ? label.getText() : null;
        });
    }

    /** The title the widget's panel shows, read from its shadow root. */
    private String previewTitle() {
        return previewScript("document.querySelector('omnichat-widget').shadowRoot"
                + ".querySelector('[role=dialog]').getAttribute('aria-label')");
    }

    private String previewScript(String script) {
        return DesktopDriver.onFx(() -> {
            try {
                return Objects.toString(desktop.robot().lookup("#widgetPreview").queryAs(WebView.class).getEngine()
                        .executeScript(script), null);
            } catch (RuntimeException notYet) {
                return null;
            }
        });
    }

    private List<String> allTextOnScreen() {
        return DesktopDriver.onFx(() -> {
            List<String> texts = new ArrayList<>();
            for (Node node : desktop.robot().lookup(n -> n instanceof Labeled || n instanceof TextInputControl)
                    .queryAll()) {
                texts.add(node instanceof Labeled l ? l.getText() : ((TextInputControl) node).getText());
            }
            texts.removeIf(Objects::isNull);
            return texts;
        });
    }
}
