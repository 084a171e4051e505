package com.omnichat.server.lifecycle;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.FakeTwilio;
import com.omnichat.server.support.TestClock;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The escalation alert leaves as real SMS requests to (a fake) Twilio, configured through the settings API. */
class EscalationAlertSmsTest {
    private static final String PUBLIC_BASE_URL = "https://chat.example.com";
    private static final String ACCOUNT = "AC22222222222222222222222222222222";
    private static final String TOKEN = "auth-token-for-alerts";
    private static final String NUMBER = "+15550001000";
    private static final ZoneId TENANT_ZONE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final TestClock clock = TestClock.startingNow();
    private FakeTwilio twilio;
    private TestServer server;
    private Api api;
    private String admin;

    @BeforeEach
    void start() {
        twilio = FakeTwilio.start().account(ACCOUNT, TOKEN);
        server = TestServer.start(Map.of("PUBLIC_BASE_URL", PUBLIC_BASE_URL, "TWILIO_API_BASE_URL", twilio.baseUrl()),
                clock);
        api = server.api();
        admin = api.loginAdmin();
        settings(Map.of("twilio", Map.of("account_sid", ACCOUNT, "auth_token", TOKEN, "sms_number", NUMBER),
                "timezone", TENANT_ZONE.getId(), "backup_number", "+15550009999"));
    }

    @AfterEach
    void stop() {
        server.close();
        twilio.close();
    }

    @Test
    void anEscalationTextsEveryNumberOnShiftOnceAndARestartSendsNothingAgain() {
        LocalTime now = clock.instant().atZone(TENANT_ZONE).toLocalTime();
        settings(Map.of("shifts", List.of(
                shift("now", now.minusHours(1), now.plusHours(1), "+15550000001", "+15550000002"),
                shift("also now", now.minusMinutes(30), now.plusHours(2), "+15550000002"),
                shift("later", now.plusHours(3), now.plusHours(4), "+15550000004"))));
        visitorSays("visitor-alert-1");

        clock.advance(Duration.ofMinutes(5));
        server.server().lifecycle().runOnce();

        List<FakeTwilio.Request> alerts = List.of(twilio.next(), twilio.next());
        assertThat(alerts).extracting(request -> request.form().get("To"))
                .containsExactlyInAnyOrder("+15550000001", "+15550000002");
        for (FakeTwilio.Request alert : alerts) {
            assertThat(alert.accountSid()).isEqualTo(ACCOUNT);
            assertThat(alert.form()).containsEntry("From", NUMBER).containsEntry("Body",
                    "[Escalation Alert] Conversation with visitor-alert-1 (webchat) has escalated. "
                            + "Visitor was asked to leave contact info.");
        }

        server.restart();
        clock.advance(Duration.ofMinutes(5));
        server.server().lifecycle().runOnce();
        server.server().deliveryWorker().runOnce();
        assertThat(twilio.waiting()).as("no alert is sent twice").isZero();
    }

    @Test
    void outsideEveryShiftTheBackupNumberGetsTheAlert() {
        LocalTime now = clock.instant().atZone(TENANT_ZONE).toLocalTime();
        settings(Map.of("shifts", List.of(shift("later", now.plusHours(2), now.plusHours(3), "+15550000004"))));
        visitorSays("visitor-alert-2");

        clock.advance(Duration.ofMinutes(5));
        server.server().lifecycle().runOnce();

        FakeTwilio.Request alert = twilio.next();
        assertThat(alert.form()).containsEntry("To", "+15550009999").containsEntry("From", NUMBER);
        server.server().deliveryWorker().runOnce();
        assertThat(twilio.waiting()).isZero();
    }

    private void visitorSays(String userId) {
        assertThat(api.post("/webchat", null, Map.of("user_id", userId, "text", "is anyone there?")).status())
                .isEqualTo(200);
    }

    private void settings(Map<String, Object> patch) {
        Api.Reply reply = api.patch("/api/v1/settings", admin, patch);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    }

    private static Map<String, Object> shift(String name, LocalTime start, LocalTime end, String... numbers) {
        return Map.of("name", name, "start", start.format(HH_MM), "end", end.format(HH_MM),
                "numbers", new ArrayList<>(List.of(numbers)));
    }
}
