package com.omnichat.desktop.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.api.Followup;
import com.omnichat.desktop.api.HistoryItem;
import com.omnichat.desktop.support.AgainstRealServer;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import javafx.scene.control.DatePicker;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.omnichat.desktop.support.DesktopDriver.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** An admin works through followups (badge, viewed, archived), filters history by date and exports it as CSV. */
class FollowupsAndHistoryTest extends AgainstRealServer {
    private static final String NUMBER = "+15550003333";

    private Api api;
    private String admin;
    @TempDir
    Path downloads;

    @BeforeEach
    void signInAsAdminOverTheApi() {
        api = server.api();
        admin = api.loginAdmin();
    }

    @Test
    void aVisitorsFollowupIsCountedViewedAndArchivedIntoHistory() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        String id = leaveFollowup("Ann Visitor", "ann@example.com", "Please call me back about my order");

        desktop.waitFor("the badge to count the new followup", () -> badgeShows("1"));
        desktop.click("#navFollowups");
        desktop.waitFor("the followup's row", () -> followupRow(id).isPresent());
        Followup row = followupRow(id).orElseThrow();
        assertThat(row.displayName()).isEqualTo("Ann Visitor");
        assertThat(row.message()).isEqualTo("Please call me back about my order");
        assertThat(row.viewed()).isFalse();
        assertThat(desktop.exists(".followup-unviewed")).isTrue();

        desktop.click("#markViewed-" + id);
        desktop.waitFor("the badge to drop", () -> !badgeVisible());
        assertThat(serverFollowup(id).path("viewed_at").isNull()).as("viewed on the server").isFalse();
        desktop.waitFor("the row drawn as viewed", () -> followupRow(id).map(Followup::viewed).orElse(false)
                && !desktop.exists(".followup-unviewed"));
        assertThat(desktop.text("#followupsMessage")).contains("viewed");

        desktop.click("#archive-" + id);
        desktop.waitFor("the row to leave the list", () -> followupRow(id).isEmpty());
        assertThat(serverFollowup(id).path("archived_at").isNull()).as("archived on the server").isFalse();
        assertThat(desktop.text("#followupsMessage")).contains("History");

        desktop.click("#navHistory");
        desktop.waitFor("the archived followup in history", () -> historyRows().stream()
                .anyMatch(item -> item.archivedFollowup() && item.followup().id().equals(id)));
    }

    @Test
    void historyFiltersByDateAndExportsTheServersCsv() throws IOException {
        server.server().conversations().receiveFromContact(1, "sms", NUMBER, "Where is my parcel?", "SMparcel");
        String conversationId = conversationOf(NUMBER);
        assertThat(api.patch("/api/v1/conversations/" + conversationId, admin, Map.of("status", "closed")).status())
                .isEqualTo(200);
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Path target = downloads.resolve("chosen.csv");
        desktop.answerSaveDialogsWith(target);
        desktop.click("#navHistory");

        desktop.waitFor("the closed conversation", () -> historyShows(conversationId));
        LocalDate today = LocalDate.now();
        setDate("#historyFrom", today.plusDays(1));
        desktop.waitFor("the conversation filtered out", () -> !historyShows(conversationId)
                && desktop.exists("#historyTable"));
        setDate("#historyFrom", today);
        setDate("#historyTo", today);
        desktop.waitFor("the conversation back in", () -> historyShows(conversationId));
        HistoryItem item = historyRows().get(0);
        assertThat(item.conversation().externalId()).isEqualTo(NUMBER);

        desktop.click("#historyClear");
        desktop.click("#exportCsv");
        desktop.waitFor("the export to finish", () -> desktop.text("#exportStatus").startsWith("Exported"));

        String expected = api.get("/api/v1/exports/conversations?format=csv", admin).text();
        String written = Files.readString(target, StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(expected);
        assertThat(written.lines().findFirst().orElseThrow()).isEqualTo("id,channel,external_id,status,assignee_name,"
                + "contact_name,contact_email,contact_phone,created_at,closed_at,message_count,first_response_seconds");
        // The server writes a leading + with an apostrophe so spreadsheets do not take the number for a formula.
        assertThat(written).contains(conversationId + ",sms,'" + NUMBER + ",closed");
        assertThat(desktop.text("#exportStatus")).contains("1 row").contains(target.toString());
        assertThat(onFx(() -> desktop.robot().lookup("#exportProgress").queryAs(ProgressBar.class).getProgress()))
                .isEqualTo(1.0);
        assertThat(Files.exists(downloads.resolve("chosen.csv.part"))).isFalse();
    }

    @Test
    void aClosedConversationOpensFromHistoryToBeReadAndReopened() {
        server.server().conversations().receiveFromContact(1, "sms", NUMBER, "Where is my parcel?", "SMopen1");
        String conversationId = conversationOf(NUMBER);
        assertThat(api.patch("/api/v1/conversations/" + conversationId, admin, Map.of("status", "closed")).status())
                .isEqualTo(200);
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.click("#navHistory");
        desktop.waitFor("the closed conversation", () -> historyShows(conversationId));

        desktop.waitFor("its row drawn", () -> desktop.exists(NUMBER));
        desktop.robot().doubleClickOn(NUMBER);

        desktop.waitFor("the conversation in the inbox screen", () -> desktop.rowsWithText("Where is my parcel?") == 1);
        desktop.click("#reopenConversation");
        desktop.waitFor("reopened on the server", () -> "open".equals(
                api.get("/api/v1/conversations/" + conversationId, admin).body().path("status").asText()));
    }

    @Test
    void historyLoadsMorePagesOnRequestEachItemOnce() {
        for (int i = 0; i < 55; i++) {
            String number = "+1555010" + String.format("%04d", i);
            server.server().conversations().receiveFromContact(1, "sms", number, "Question " + i, "SMmore" + i);
        }
        for (JsonNode c : api.get("/api/v1/conversations?limit=200", admin).body().path("data")) {
            api.patch("/api/v1/conversations/" + c.path("id").asText(), admin, Map.of("status", "closed"));
        }
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);

        desktop.click("#navHistory");
        desktop.waitFor("the first page", () -> historyRows().size() == 50);
        desktop.click("#historyMore");
        desktop.waitFor("the second page", () -> historyRows().size() == 55);

        assertThat(historyRows().stream().map(item -> item.conversation().id()).distinct()).hasSize(55);
        assertThat(onFx(() -> desktop.robot().lookup("#historyMore").query().isVisible())).isFalse();
    }

    @Test
    void staffHaveNoFollowupsOrHistory() {
        JsonNode created = api.post("/api/v1/users", admin, Map.of("email", "sam@dwc.com", "name", "Sam",
                "role", "staff")).body();
        desktop.signInAndWaitForInbox(server.baseUrl(), "sam@dwc.com", created.path("initial_password").asText());

        assertThat(desktop.exists("#navInbox")).isTrue();
        assertThat(desktop.exists("#navFollowups")).isFalse();
        assertThat(desktop.exists("#navHistory")).isFalse();
        assertThat(desktop.exists("#followupsBadge")).isFalse();
    }

    private String leaveFollowup(String name, String email, String message) {
        String visitor = api.newVisitor(server.server().bootstrap().orElseThrow().siteKey());
        Api.Reply reply = api.post("/api/v1/widget/followups", visitor,
                Map.of("name", name, "email", email, "message", message));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    private String conversationOf(String externalId) {
        for (JsonNode c : api.get("/api/v1/conversations", admin).body().path("data")) {
            if (externalId.equals(c.path("external_id").asText())) {
                return c.path("id").asText();
            }
        }
        throw new AssertionError("no conversation of " + externalId);
    }

    private JsonNode serverFollowup(String id) {
        for (String archived : List.of("false", "true")) {
            for (JsonNode f : api.get("/api/v1/followups?archived=" + archived, admin).body().path("data")) {
                if (f.path("id").asText().equals(id)) {
                    return f;
                }
            }
        }
        throw new AssertionError("no followup " + id);
    }

    private boolean badgeVisible() {
        return onFx(() -> desktop.robot().lookup("#followupsBadge").query().isVisible());
    }

    private boolean badgeShows(String count) {
        return badgeVisible() && count.equals(desktop.text("#followupsBadge"));
    }

    @SuppressWarnings("unchecked")
    private Optional<Followup> followupRow(String id) {
        return onFx(() -> ((TableView<Followup>) desktop.robot().lookup("#followupsTable").query()).getItems()
                .stream().filter(f -> f.id().equals(id)).findFirst());
    }

    @SuppressWarnings("unchecked")
    private List<HistoryItem> historyRows() {
        return onFx(() -> desktop.robot().lookup("#historyTable").tryQuery()
                .map(table -> List.copyOf(((TableView<HistoryItem>) table).getItems())).orElse(List.of()));
    }

    private boolean historyShows(String conversationId) {
        return historyRows().stream()
                .anyMatch(item -> !item.archivedFollowup() && item.conversation().id().equals(conversationId));
    }

    private void setDate(String query, LocalDate date) {
        onFx(() -> {
            desktop.robot().lookup(query).queryAs(DatePicker.class).setValue(date);
            return null;
        });
    }
}
