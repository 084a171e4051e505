package com.omnichat.desktop.gui;

import com.omnichat.desktop.support.SmsLine;
import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.desktop.support.Visitor;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import javafx.scene.chart.XYChart;
import javafx.scene.control.DatePicker;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.omnichat.desktop.support.DesktopDriver.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin reads the KPIs of real conversations on the Analytics screen: web chat and SMS contacts write through the
 * widget API and a signed Twilio webhook, a staff member replies and closes over /api/v1, and the tiles, the chart
 * and the staff table show exactly that, counted on the tenant's day.
 */
class AnalyticsScreenTest {
    /** UTC+14: the tenant's today is often not this computer's today, so the screen must use the tenant's. */
    private static final ZoneId TENANT_ZONE = ZoneId.of("Pacific/Kiritimati");
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("d MMM");

    private SmsLine sms;
    private TestServer server;
    private DesktopDriver desktop;
    private Api api;
    private String jane;

    @BeforeEach
    void start() {
        sms = SmsLine.start();
        server = sms.server();
        api = server.api();
        String admin = api.loginAdmin();
        assertThat(api.patch("/api/v1/settings", admin, Map.of("timezone", TENANT_ZONE.getId())).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/users", admin, Map.of("email", "jane@dwc.com", "name", "Jane Doe",
                "role", "staff", "password", "jane-long-password")).status()).isEqualTo(201);
        jane = api.login("jane@dwc.com", "jane-long-password");
        desktop = DesktopDriver.start();
    }

    @AfterEach
    void stop() {
        desktop.close();
        sms.close();
    }

    @Test
    void adminSeesTheFiguresOfTheChosenRange() {
        String siteKey = server.server().bootstrap().orElseThrow().siteKey();
        Visitor first = Visitor.arrive(server, siteKey);
        first.say("hello");
        String answered = conversationOf(first);
        staffSays(answered, "hi, how can I help?");
        first.say("thanks");
        staffSays(answered, "you are welcome");
        assertThat(api.patch("/api/v1/conversations/" + answered, jane, Map.of("status", "closed")).status())
                .isEqualTo(200);
        Visitor.arrive(server, siteKey).say("anyone?");
        sms.contactTexts("+15551230001", "open today?");
        String smsConversation = api.get("/api/v1/conversations?channel=sms", jane).body().at("/data/0/id").asText();
        staffSays(smsConversation, "until 6 pm");
        LocalDate today = LocalDate.now(TENANT_ZONE);

        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.click("#navAnalytics");
        desktop.waitFor("the tiles", () -> "3".equals(desktop.text("#kpiConversationsValue")));
        assertThat(desktop.text("#analyticsTimezone")).isEqualTo("Days in Pacific/Kiritimati");
        assertThat(picker("#analyticsFrom")).isEqualTo(today.minusDays(6));
        assertThat(picker("#analyticsTo")).isEqualTo(today);
        assertThat(desktop.text("#kpiClosedValue")).isEqualTo("1");
        assertThat(desktop.text("#kpiContactMessagesValue")).isEqualTo("4");
        assertThat(desktop.text("#kpiStaffMessagesValue")).isEqualTo("3");
        assertThat(desktop.text("#kpiFirstResponseValue")).matches("\\d+ s");
        assertThat(desktop.text("#kpiResolutionValue")).matches("\\d+ s");

        Map<String, Map<String, Number>> volume = volumeChart();
        assertThat(volume).containsOnlyKeys("Web chat", "SMS", "WhatsApp", "Messenger");
        assertThat(volume.get("Web chat")).hasSize(7).containsEntry(DAY_LABEL.format(today), 2L);
        assertThat(volume.get("SMS")).containsEntry(DAY_LABEL.format(today), 1L);
        assertThat(volume.get("Web chat").keySet()).startsWith(DAY_LABEL.format(today.minusDays(6)));
        assertThat(volume.values()).allSatisfy(days -> assertThat(days).allSatisfy((day, count) -> {
            if (!day.equals(DAY_LABEL.format(today))) {
                assertThat(count).isEqualTo(0L);
            }
        }));
        assertThat(volume.get("WhatsApp").values()).containsOnly(0L);
        assertThat(volume.get("Messenger").values()).containsOnly(0L);
        assertThat(staffRows()).containsExactly("Jane Doe | 2 | 3");
        assertThat(tableRows("#channelTable", 2)).containsExactly("Web chat | 2", "SMS | 1");
        assertThat(tableRows("#channelTable", 3)).allSatisfy(row -> assertThat(row).matches(".* \\| (\\d+ s|—)"));
        screenshotsInBothThemes();

        setPicker("#analyticsFrom", today.minusDays(60));
        setPicker("#analyticsTo", today.minusDays(31));
        desktop.waitFor("the empty range", () -> "0".equals(desktop.text("#kpiConversationsValue"))
                && volumeChart().get("Web chat").size() == 30);
        assertThat(desktop.text("#kpiClosedValue")).isEqualTo("0");
        assertThat(desktop.text("#kpiFirstResponseValue")).isEqualTo("—");
        assertThat(volumeChart().values()).allSatisfy(days -> assertThat(days.values()).containsOnly(0L));
        assertThat(staffRows()).isEmpty();
        assertThat(tableRows("#channelTable", 3)).isEmpty();

        desktop.click("#preset30");
        desktop.waitFor("the last 30 days", () -> "3".equals(desktop.text("#kpiConversationsValue")));
        assertThat(picker("#analyticsFrom")).isEqualTo(today.minusDays(29));
        assertThat(picker("#analyticsTo")).isEqualTo(today);
        assertThat(volumeChart().get("SMS")).hasSize(30).containsEntry(DAY_LABEL.format(today), 1L);

        setPicker("#analyticsFrom", today.minusDays(800));
        desktop.waitFor("the server's refusal", () -> desktop.text("#analyticsError").contains("731 days"));
        assertThat(desktop.exists("#kpiConversationsValue")).isFalse();
    }

    @Test
    void staffHaveNoAnalyticsButton() {
        desktop.signInAndWaitForInbox(server.baseUrl(), "jane@dwc.com", "jane-long-password");
        assertThat(desktop.exists("#navInbox")).isTrue();
        assertThat(desktop.exists("#navAnalytics")).isFalse();
    }

    /** For a person to check that the charts read well in both themes (target/screenshots/). */
    private void screenshotsInBothThemes() {
        for (String theme : List.of("light", "dark")) {
            for (double scrolled : new double[] {0, 1, 0}) {
                onFx(() -> {
                    desktop.robot().lookup(".analytics-screen").queryAs(ScrollPane.class).setVvalue(scrolled);
                    return null;
                });
                WaitForAsyncUtils.waitForFxEvents();
                desktop.screenshot("analytics-" + theme + (scrolled == 0 ? "-top" : "-bottom"));
                // The last pass scrolls back up: the range controls are clicked next.
            }
            desktop.click("#toggleTheme");
        }
    }

    private String conversationOf(Visitor visitor) {
        return api.get("/api/v1/widget/messages", visitor.authorization()).body().at("/conversation/id").asText();
    }

    private void staffSays(String conversationId, String text) {
        Api.Reply reply = api.post("/api/v1/conversations/" + conversationId + "/messages", jane,
                Map.of("client_id", UUID.randomUUID().toString(), "text", text));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    private LocalDate picker(String query) {
        return onFx(() -> desktop.robot().lookup(query).queryAs(DatePicker.class).getValue());
    }

    private void setPicker(String query, LocalDate value) {
        onFx(() -> {
            desktop.robot().lookup(query).queryAs(DatePicker.class).setValue(value);
            return null;
        });
    }

    /** The chart's data as drawn: series name → day label → conversations started. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Number>> volumeChart() {
        return onFx(() -> {
            XYChart<String, Number> chart = desktop.robot().lookup("#volumeChart").queryAs(XYChart.class);
            Map<String, Map<String, Number>> all = new LinkedHashMap<>();
            for (XYChart.Series<String, Number> series : chart.getData()) {
                Map<String, Number> days = new LinkedHashMap<>();
                series.getData().forEach(point -> days.put(point.getXValue(), point.getYValue()));
                all.put(series.getName(), days);
            }
            return all;
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> staffRows() {
        return tableRows("#staffTable", 3);
    }

    /** The first {@code columns} cells of each row, as the table shows them, joined by " | ". */
    private List<String> tableRows(String table, int columns) {
        return onFx(() -> {
            TableView<Object> view = desktop.robot().lookup(table).queryAs(TableView.class);
            return view.getItems().stream().map(row -> view.getColumns().subList(0, columns).stream()
                    .map(column -> String.valueOf(column.getCellData(row)))
                    .reduce((a, b) -> a + " | " + b).orElse("")).toList();
        });
    }
}
