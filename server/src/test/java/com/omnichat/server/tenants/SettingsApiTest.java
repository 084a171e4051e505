package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings API of PROTOCOL.md §C.5 and the environment defaults of part E, on a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettingsApiTest {
    private static final String ENV_TOKEN = "env-twilio-auth-token-0123456789-ENVT";
    private static final String ENV_APP_SECRET = "env-app-secret-0123456789";
    private static final String ENV_PAGE_TOKEN = "env-page-token-0123456789";
    private static final String ENV_VERIFY = "env-verify-token-0123456789";
    private static final String ENV_NUMBER = "+15550001000";
    private static final String SECRET_TOKEN = "tenant-auth-token-must-never-leak-WXYZ";
    private static final AtomicInteger TENANTS = new AtomicInteger();

    private TestServer server;
    private Api api;

    @BeforeAll
    void setUp() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PUBLIC_BASE_URL", "https://chat.example.com");
        env.put("OMNICHAT_PATIENCE_SECONDS", "45");
        env.put("OMNICHAT_HISTORY_RETENTION_DAYS", "90");
        env.put("BACKUP_NUMBER", "+15550009999");
        env.put("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef");
        env.put("TWILIO_AUTH_TOKEN", ENV_TOKEN);
        env.put("TWILIO_NUMBER", ENV_NUMBER);
        env.put("FB_PAGE_ID", "998877");
        env.put("FB_PAGE_ACCESS_TOKEN", ENV_PAGE_TOKEN);
        env.put("FB_APP_SECRET", ENV_APP_SECRET);
        env.put("FB_VERIFY_TOKEN", ENV_VERIFY);
        server = TestServer.start(env);
        api = server.api();
    }

    @AfterAll
    void tearDown() {
        server.close();
    }

    private record NewTenant(long id, String token, String siteKey) {
    }

    private NewTenant newTenant() {
        int n = TENANTS.incrementAndGet();
        TenantService.Created created = server.server().tenants().create("Tenant " + n, "admin" + n + "@t.example",
                "Admin " + n, Optional.of("tenant-admin-password"));
        return new NewTenant(created.tenantId(), api.login("admin" + n + "@t.example", "tenant-admin-password"),
                created.siteKey());
    }

    private JsonNode settings(String token) {
        Api.Reply reply = api.get("/api/v1/settings", token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body();
    }

    private JsonNode patch(String token, Object body) {
        Api.Reply reply = api.patch("/api/v1/settings", token, body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body();
    }

    @Test
    void aNewTenantReadsTheDefaults() {
        NewTenant t = newTenant();
        JsonNode s = settings(t.token());
        assertThat(s.at("/tenant/id").asText()).isEqualTo(Long.toString(t.id()));
        assertThat(s.at("/widget/site_key").asText()).isEqualTo(t.siteKey());
        assertThat(s.at("/widget/title").asText()).isEqualTo("Chat with Us");
        assertThat(s.at("/widget/primary_color").asText()).isEqualTo("#4f46e5");
        assertThat(s.at("/widget/position").asText()).isEqualTo("right");
        assertThat(s.at("/widget/allowed_origins")).isEmpty();
        assertThat(s.at("/widget/legacy_widget_enabled").asBoolean()).isTrue();
        for (String key : TenantSettings.TEXT_KEYS) {
            assertThat(s.at("/texts/" + key).asText()).isEqualTo(TenantSettings.DEFAULT_TEXTS.get(key));
        }
        assertThat(s.get("timezone").asText()).isEqualTo("UTC");
        assertThat(s.get("business_hours").isNull()).isTrue();
        assertThat(s.get("patience_seconds").asInt()).as("environment default for every tenant").isEqualTo(45);
        assertThat(s.get("escalate_after_seconds").asInt()).isEqualTo(300);
        assertThat(s.get("auto_close_minutes").asInt()).isEqualTo(30);
        assertThat(s.get("followup_closes_conversation").asBoolean()).isTrue();
        assertThat(s.get("history_retention_days").asInt()).as("the environment's retention is the default tenant's").isEqualTo(30);
        assertThat(s.get("shifts")).isEmpty();
        assertThat(s.get("backup_number").isNull()).isTrue();
        assertThat(s.at("/twilio/account_sid").isNull()).isTrue();
        assertThat(s.at("/twilio/auth_token_set").asBoolean()).isFalse();
        assertThat(s.at("/twilio/sms_number").isNull()).isTrue();
        assertThat(s.at("/messenger/page_id").isNull()).isTrue();
        assertThat(s.at("/messenger/app_secret_set").asBoolean()).isFalse();
        EffectiveSettings effective = server.server().settings().effective(t.id()).orElseThrow();
        assertThat(effective.twilio()).isEmpty();
        assertThat(effective.messenger()).isEmpty();
        assertThat(effective.timezone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void theEnvironmentIsTheDefaultTenantsFallbackOnly() {
        Api.Reply reply = api.get("/api/v1/settings", api.loginAdmin());
        JsonNode s = reply.body();
        assertThat(reply.text()).doesNotContain(ENV_TOKEN).doesNotContain(ENV_APP_SECRET).doesNotContain(ENV_PAGE_TOKEN)
                .doesNotContain(ENV_VERIFY);
        assertThat(s.get("history_retention_days").asInt()).isEqualTo(90);
        assertThat(s.get("backup_number").asText()).isEqualTo("+15550009999");
        assertThat(s.at("/twilio/account_sid").asText()).isEqualTo("AC0123456789abcdef0123456789abcdef");
        assertThat(s.at("/twilio/auth_token_set").asBoolean()).isTrue();
        assertThat(s.at("/twilio/auth_token_hint").asText()).isEqualTo("…ENVT");
        assertThat(s.at("/twilio/sms_number").asText()).isEqualTo(ENV_NUMBER);
        assertThat(s.at("/messenger/page_id").asText()).isEqualTo("998877");
        assertThat(s.at("/messenger/page_access_token_set").asBoolean()).isTrue();
        assertThat(s.at("/messenger/verify_token_set").asBoolean()).isTrue();

        SettingsService service = server.server().settings();
        TwilioCredentials twilio = service.effective(1).orElseThrow().twilio().orElseThrow();
        assertThat(twilio.authToken()).isEqualTo(ENV_TOKEN);
        assertThat(twilio.whatsappNumber()).as("WhatsApp defaults to the SMS number").isEqualTo(ENV_NUMBER);
        assertThat(twilio.toString()).doesNotContain(ENV_TOKEN);
        MessengerCredentials messenger = service.effective(1).orElseThrow().messenger().orElseThrow();
        assertThat(messenger.appSecret()).isEqualTo(ENV_APP_SECRET);
        assertThat(service.effective(1).orElseThrow().backupNumber()).contains("+15550009999");
        assertThat(service.byNumber(ENV_NUMBER).orElseThrow().tenant().id()).isEqualTo(1);
        assertThat(service.byNumber("whatsapp:" + ENV_NUMBER).orElseThrow().tenant().id()).isEqualTo(1);
        assertThat(service.byPageId("998877").orElseThrow().tenant().id()).isEqualTo(1);
        assertThat(service.byVerifyToken(ENV_VERIFY).orElseThrow().tenant().id()).isEqualTo(1);
        assertThat(service.byVerifyToken("wrong")).isEmpty();
        assertThat(service.byNumber("+15550004444")).isEmpty();

        NewTenant other = newTenant();
        JsonNode otherSettings = settings(other.token());
        assertThat(otherSettings.get("backup_number").isNull()).isTrue();
        assertThat(otherSettings.at("/twilio/auth_token_set").asBoolean()).isFalse();
        assertThat(otherSettings.at("/messenger/page_id").isNull()).isTrue();
        Api.Reply taken = api.patch("/api/v1/settings", other.token(), Map.of("twilio", Map.of("sms_number", ENV_NUMBER)));
        assertThat(taken.status()).as("the environment's number routes to the default tenant").isEqualTo(409);
    }

    @Test
    void patchMergesDeeplyAndNullRestoresTheDefault() {
        NewTenant t = newTenant();
        patch(t.token(), Map.of("widget", Map.of("title", "Talk to us", "position", "left"),
                "texts", Map.of("greeting", "Hello!", "auto_close", "Bye"), "patience_seconds", 0));
        JsonNode s = patch(t.token(), Map.of("widget", Map.of("primary_color", "#112233")));
        assertThat(s.at("/widget/title").asText()).as("absent key unchanged").isEqualTo("Talk to us");
        assertThat(s.at("/widget/primary_color").asText()).isEqualTo("#112233");
        assertThat(s.at("/texts/greeting").asText()).isEqualTo("Hello!");
        assertThat(s.at("/texts/offline").asText()).isEqualTo(TenantSettings.DEFAULT_TEXTS.get("offline"));
        assertThat(s.get("patience_seconds").asInt()).as("0 disables, it is not unset").isZero();

        JsonNode config = api.get("/api/v1/widget/config?site_key=" + t.siteKey(), null).body();
        assertThat(config.get("title").asText()).isEqualTo("Talk to us");
        assertThat(config.get("primary_color").asText()).isEqualTo("#112233");
        assertThat(config.get("position").asText()).isEqualTo("left");

        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("texts", java.util.Collections.singletonMap("greeting", null));
        clear.put("patience_seconds", null);
        s = patch(t.token(), clear);
        assertThat(s.at("/texts/greeting").asText()).isEqualTo(TenantSettings.DEFAULT_TEXTS.get("greeting"));
        assertThat(s.at("/texts/auto_close").asText()).isEqualTo("Bye");
        assertThat(s.get("patience_seconds").asInt()).isEqualTo(45);
        s = patch(t.token(), java.util.Collections.singletonMap("widget", null));
        assertThat(s.at("/widget/title").asText()).isEqualTo("Chat with Us");
        assertThat(s.at("/widget/site_key").asText()).as("the site key is not a stored setting").isEqualTo(t.siteKey());

        s = patch(t.token(), Map.of("timezone", "America/New_York",
                "business_hours", Map.of("mon", List.of(List.of("09:00", "17:00")), "tue", List.of(List.of("20:00", "24:00"))),
                "shifts", List.of(Map.of("name", "night", "start", "22:00", "end", "24:00", "numbers", List.of("+15550000001"),
                        "days", List.of("mon", "fri")), Map.of("name", "day", "start", "09:00", "end", "17:00", "numbers", List.of())),
                "backup_number", "+15550000002", "followup_closes_conversation", false));
        assertThat(s.at("/business_hours/mon/0/1").asText()).isEqualTo("17:00");
        assertThat(s.at("/business_hours/wed")).isEmpty();
        assertThat(s.at("/shifts/0/name").asText()).isEqualTo("night");
        EffectiveSettings effective = server.server().settings().effective(t.id()).orElseThrow();
        assertThat(effective.timezone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(effective.followupClosesConversation()).isFalse();
        assertThat(effective.backupNumber()).contains("+15550000002");
        List<Shift> shifts = effective.shifts();
        assertThat(shifts.get(0).start()).isEqualTo(LocalTime.of(22, 0));
        assertThat(shifts.get(0).endsAtMidnight()).isTrue();
        assertThat(shifts.get(0).days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(shifts.get(1).days()).hasSize(7);
        assertThat(shifts.get(1).end()).isEqualTo(LocalTime.of(17, 0));
        Map<String, Object> days = new LinkedHashMap<>();
        days.put("tue", null);
        days.put("wed", List.of(List.of("10:00", "11:00")));
        s = patch(t.token(), Map.of("business_hours", days));
        assertThat(s.at("/business_hours/mon/0/0").asText()).as("days merge one by one").isEqualTo("09:00");
        assertThat(s.at("/business_hours/tue")).as("a null day is closed").isEmpty();
        assertThat(s.at("/business_hours/wed/0/0").asText()).isEqualTo("10:00");
        s = patch(t.token(), java.util.Collections.singletonMap("business_hours", null));
        assertThat(s.get("business_hours").isNull()).as("null business hours: always open").isTrue();
    }

    @Test
    void credentialsAreWriteOnlyAndRouteInboundTraffic() throws Exception {
        NewTenant t = newTenant();
        Api.Reply reply = api.patch("/api/v1/settings", t.token(), Map.of(
                "twilio", Map.of("account_sid", "ACfeedfacefeedfacefeedfacefeedface", "auth_token", SECRET_TOKEN,
                        "sms_number", "+15557770001", "messaging_service_sid", "MG0001"),
                "messenger", Map.of("page_id", "4242", "page_access_token", "page-token-" + SECRET_TOKEN,
                        "app_secret", "app-secret-" + SECRET_TOKEN, "verify_token", "verify-" + SECRET_TOKEN)));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.text()).doesNotContain(SECRET_TOKEN);
        assertThat(reply.body().at("/twilio/auth_token_hint").asText()).isEqualTo("…WXYZ");
        assertThat(reply.body().at("/twilio/auth_token_set").asBoolean()).isTrue();
        assertThat(reply.body().at("/messenger/app_secret_set").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/settings", t.token()).text()).doesNotContain(SECRET_TOKEN);

        SettingsService service = server.server().settings();
        TwilioCredentials twilio = service.effective(t.id()).orElseThrow().twilio().orElseThrow();
        assertThat(twilio.authToken()).isEqualTo(SECRET_TOKEN);
        assertThat(twilio.messagingServiceSid()).isEqualTo("MG0001");
        assertThat(service.byNumber("+15557770001").orElseThrow().tenant().id()).isEqualTo(t.id());
        assertThat(service.byMessagingServiceSid("MG0001").orElseThrow().tenant().id()).isEqualTo(t.id());
        assertThat(service.byPageId("4242").orElseThrow().settings().messenger().orElseThrow().appSecret())
                .isEqualTo("app-secret-" + SECRET_TOKEN);
        assertThat(service.byVerifyToken("verify-" + SECRET_TOKEN).orElseThrow().tenant().id()).isEqualTo(t.id());

        List<String> audits = auditDetails(t.id(), "settings.updated");
        assertThat(audits).hasSize(1);
        assertThat(audits.get(0)).contains("twilio.auth_token").contains("messenger.app_secret").doesNotContain(SECRET_TOKEN);

        Map<String, Object> moved = new LinkedHashMap<>();
        moved.put("sms_number", "+15557770002");
        moved.put("messaging_service_sid", null);
        patch(t.token(), Map.of("twilio", moved));
        assertThat(service.byNumber("+15557770001")).as("the old number no longer routes").isEmpty();
        assertThat(service.byMessagingServiceSid("MG0001")).isEmpty();
        assertThat(service.byNumber("+15557770002").orElseThrow().tenant().id()).isEqualTo(t.id());

        NewTenant rival = newTenant();
        Api.Reply conflict = api.patch("/api/v1/settings", rival.token(), Map.of("messenger", Map.of("page_id", "4242"),
                "widget", Map.of("title", "Rival")));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().at("/error/details/field").asText()).isEqualTo("messenger.page_id");
        assertThat(settings(rival.token()).at("/widget/title").asText()).as("nothing written").isEqualTo("Chat with Us");
        assertThat(service.byPageId("4242").orElseThrow().tenant().id()).isEqualTo(t.id());
    }

    @Test
    void invalidValuesAre422NamingTheFieldAndChangeNothing() throws Exception {
        NewTenant t = newTenant();
        patch(t.token(), Map.of("widget", Map.of("title", "Before")));
        JsonNode before = settings(t.token());
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("twilio.sms_number", Map.of("twilio", Map.of("sms_number", "5551234")));
        bad.put("backup_number", Map.of("backup_number", "+0123"));
        bad.put("timezone", Map.of("timezone", "Mars/Olympus"));
        bad.put("widget.allowed_origins[0]", Map.of("widget", Map.of("allowed_origins", List.of("https://a.example/path"))));
        bad.put("widget.primary_color", Map.of("widget", Map.of("primary_color", "blue")));
        bad.put("widget.position", Map.of("widget", Map.of("position", "top")));
        bad.put("patience_seconds", Map.of("patience_seconds", -1));
        bad.put("auto_close_minutes", Map.of("auto_close_minutes", "30"));
        bad.put("business_hours.mon[0]", Map.of("business_hours", Map.of("mon", List.of(List.of("9:00", "17:00")))));
        bad.put("business_hours.funday", Map.of("business_hours", Map.of("funday", List.of())));
        bad.put("shifts[0].end", Map.of("shifts", List.of(Map.of("name", "x", "start", "09:00", "end", "25:00", "numbers", List.of()))));
        bad.put("shifts[0].days[0]", Map.of("shifts", List.of(Map.of("name", "x", "start", "09:00", "end", "10:00",
                "numbers", List.of(), "days", List.of("someday")))));
        bad.put("shifts[0].numbers[0]", Map.of("shifts", List.of(Map.of("name", "x", "start", "09:00", "end", "10:00",
                "numbers", List.of("555")))));
        bad.put("colour", Map.of("colour", "#000000"));
        bad.put("widget.font", Map.of("widget", Map.of("font", "serif")));
        bad.put("texts.farewell", Map.of("texts", Map.of("farewell", "bye")));
        bad.put("followup_closes_conversation", Map.of("followup_closes_conversation", "yes"));
        bad.put("twilio.account_sid", Map.of("twilio", Map.of("account_sid", "XX123")));
        for (Map.Entry<String, Object> entry : bad.entrySet()) {
            Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) entry.getValue());
            body.put("texts", body.containsKey("texts") ? body.get("texts") : Map.of("greeting", "should not be written"));
            Api.Reply reply = api.patch("/api/v1/settings", t.token(), body);
            assertThat(reply.status()).as(entry.getKey() + " " + reply.text()).isEqualTo(422);
            assertThat(reply.body().at("/error/details/fields").has(entry.getKey())).as(entry.getKey() + " " + reply.text()).isTrue();
        }
        assertThat(settings(t.token())).isEqualTo(before);
        assertThat(auditDetails(t.id(), "settings.updated")).hasSize(1);
    }

    @Test
    void onlyAdminsReachSettings() {
        NewTenant t = newTenant();
        Api.Reply created = api.post("/api/v1/users", t.token(), Map.of("email", "staff-" + t.id() + "@t.example",
                "name", "Staff", "role", "staff", "password", "staff-password-long"));
        assertThat(created.status()).isEqualTo(201);
        String staff = api.login("staff-" + t.id() + "@t.example", "staff-password-long");
        assertThat(api.get("/api/v1/settings", staff).status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/settings", staff, Map.of("widget", Map.of("title", "Staff"))).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/settings/widget/rotate-site-key", staff, Map.of()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/settings", null).status()).isEqualTo(401);
        assertThat(settings(t.token()).at("/widget/title").asText()).isEqualTo("Chat with Us");
        assertThat(settings(t.token()).at("/widget/site_key").asText()).isEqualTo(t.siteKey());
    }

    @Test
    void rotatingTheSiteKeyRetiresTheOldOneAtOnce() throws Exception {
        NewTenant t = newTenant();
        assertThat(api.get("/api/v1/widget/config?site_key=" + t.siteKey(), null).status()).isEqualTo(200);
        Api.Reply rotated = api.post("/api/v1/settings/widget/rotate-site-key", t.token(), Map.of());
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String newKey = rotated.body().at("/widget/site_key").asText();
        assertThat(newKey).startsWith("wk_").isNotEqualTo(t.siteKey());
        assertThat(api.get("/api/v1/widget/config?site_key=" + t.siteKey(), null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/widget/config?site_key=" + newKey, null).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/widget/sessions", null, Map.of("site_key", newKey)).status()).isEqualTo(201);
        assertThat(settings(t.token()).at("/widget/site_key").asText()).isEqualTo(newKey);
        List<String> audits = auditDetails(t.id(), "settings.site_key_rotated");
        assertThat(audits).hasSize(1);
        assertThat(audits.get(0)).doesNotContain(newKey);
    }

    @Test
    void anAdminStreamHearsSettingsUpdated() {
        NewTenant t = newTenant();
        try (TestSocket stream = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + t.token()))) {
            stream.send(Map.of("type", "hello", "data", Map.of("since", 0)));
            stream.nextOfType("ready");
            patch(t.token(), Map.of("texts", Map.of("patience", "Hang on"), "auto_close_minutes", 10,
                    "twilio", Map.of("auth_token", SECRET_TOKEN)));
            JsonNode event = stream.nextOfType("settings.updated");
            List<String> keys = new ArrayList<>();
            event.at("/data/keys").forEach(k -> keys.add(k.asText()));
            assertThat(keys).containsExactlyInAnyOrder("texts.patience", "auto_close_minutes", "twilio.auth_token");
            assertThat(event.toString()).doesNotContain(SECRET_TOKEN);
            assertThat(event.get("seq").asLong()).isPositive();
        }
    }

    private List<String> auditDetails(long tenantId, String type) throws Exception {
        List<String> details = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement(
                     "SELECT details FROM audit_events WHERE tenant_id = ? AND type = ? ORDER BY id")) {
            ps.setLong(1, tenantId);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    details.add(rs.getString(1));
                }
            }
        }
        return details;
    }

    @Test
    void credentialsNeedAPublicBaseUrl() {
        try (TestServer bare = TestServer.start()) {
            Api bareApi = bare.api();
            String admin = bareApi.loginAdmin();
            Api.Reply reply = bareApi.patch("/api/v1/settings", admin, Map.of("twilio", Map.of("auth_token", SECRET_TOKEN)));
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.body().at("/error/details/fields").has("twilio.auth_token")).isTrue();
            assertThat(reply.text()).doesNotContain(SECRET_TOKEN);
            assertThat(bareApi.get("/api/v1/settings", admin).body().at("/twilio/auth_token_set").asBoolean()).isFalse();
            Api.Reply number = bareApi.patch("/api/v1/settings", admin, Map.of("twilio", Map.of("sms_number", "+15551112222")));
            assertThat(number.status()).as("a number is not a credential").isEqualTo(200);
            assertThat(Set.of(bare.server().settings().effective(1).orElseThrow().inboundNumbers().toArray()))
                    .containsExactly("+15551112222");
        }
    }
}
