package com.omnichat.server.http;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestServer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import static com.omnichat.server.support.SignedWebhooks.sms;
import static com.omnichat.server.support.TestServer.withLifecycleOff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of text the server answers with is UTF-8 and says so: a page or a reply that declares one charset and
 * carries another turns "répondons ✓" into "r\xe9pondons ?" on the other side. JSON may omit the charset (RFC 8259
 * defines none; UTF-8 is the only encoding); every other text type must name utf-8.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseCharsetTest {
    private static final String PUBLIC_BASE_URL = "https://chat.example.com";
    private static final String ACCENTS = "Nous répondons ✓ ✅ 😀";
    private static final String SMS_NUMBER = "+15550007000";
    private static final String TWILIO_TOKEN = "charset-twilio-token";
    private static final String VERIFY_TOKEN = "charset-verify-token";

    private TestServer server;
    private Api api;
    private SignedWebhooks webhooks;
    private String admin;

    @BeforeAll
    void setUp() {
        server = TestServer.start(withLifecycleOff(Map.of("PUBLIC_BASE_URL", PUBLIC_BASE_URL)));
        api = server.api();
        webhooks = new SignedWebhooks(api, PUBLIC_BASE_URL);
        admin = api.loginAdmin();
        ChannelSettings.set(api, admin, "twilio", Map.of("account_sid", "AC7", "auth_token", TWILIO_TOKEN,
                "sms_number", SMS_NUMBER));
        ChannelSettings.set(api, admin, "messenger", Map.of("page_id", "700", "page_access_token", "page-token",
                "app_secret", "app-secret", "verify_token", VERIFY_TOKEN));
        ChannelSettings.set(api, admin, "texts", Map.of("sms_auto_reply", ACCENTS));
        assertThat(api.post("/webchat", null, Map.of("user_id", "visiteur-é", "text", ACCENTS)).status()).isEqualTo(200);
        assertThat(api.post("/followup", null, Map.of("user_id", "visiteur-é", "name", "Zoë ✓", "message", ACCENTS))
                .status()).isEqualTo(200);
        String followupId = api.get("/admin/api/followups", admin).body().at("/followups/0/id").asText();
        assertThat(api.delete("/admin/api/followups/" + followupId, admin).status()).isEqualTo(200);
    }

    @AfterAll
    void tearDown() {
        server.close();
    }

    private record Answer(String what, Supplier<Api.Bytes> call, String mustContain) {
    }

    private Api.Bytes get(String path, String token) {
        return api.bytes("GET", path, token, null, null, Map.of());
    }

    private List<Answer> answers() {
        String challenge = URLEncoder.encode(ACCENTS, StandardCharsets.UTF_8);
        List<Answer> answers = new ArrayList<>();
        answers.add(new Answer("service root", () -> get("/", null), null));
        answers.add(new Answer("health", () -> get("/health", null), null));
        answers.add(new Answer("connection test", () -> get("/api/test", null), null));
        answers.add(new Answer("GET /webchat", () -> get("/webchat", null), null));
        answers.add(new Answer("API page", () -> get("/docs", null), null));
        answers.add(new Answer("API page stylesheet", () -> get("/docs/swagger-ui.css", null), null));
        answers.add(new Answer("API page script", () -> get("/docs/swagger-ui-bundle.js", null), null));
        answers.add(new Answer("OpenAPI document", () -> get("/openapi.json", null), "§"));
        answers.add(new Answer("widget script", () -> get("/widget.js", null), null));
        answers.add(new Answer("widget demo page", () -> get("/widget-demo", null), null));
        answers.add(new Answer("admin page", () -> get("/admin-app/", null), null));
        answers.add(new Answer("admin page deep link", () -> get("/admin-app/conversations/c_1", null), null));
        answers.add(new Answer("admin page stylesheet", () -> get("/admin-app/app.css", null), null));
        answers.add(new Answer("admin page script", () -> get("/admin-app/js/main.js", null), null));
        answers.add(new Answer("admin page icon", () -> get("/admin-app/icon.svg", null), null));
        answers.add(new Answer("legacy messages", () -> get("/admin/api/messages/visiteur-é/webchat", admin), ACCENTS));
        answers.add(new Answer("legacy history export", () -> get("/admin/api/history/export", admin), "Zoë ✓"));
        answers.add(new Answer("v1 conversations", () -> get("/api/v1/conversations", admin), "visiteur-é"));
        answers.add(new Answer("CSV export", () -> get("/api/v1/exports/messages?format=csv", admin), ACCENTS));
        answers.add(new Answer("JSON export", () -> get("/api/v1/exports/messages?format=json", admin),
                "Nous répondons ✓ ✅"));
        answers.add(new Answer("Messenger verify echo", () -> get("/webhooks/messenger?hub.mode=subscribe&hub.verify_token="
                + VERIFY_TOKEN + "&hub.challenge=" + challenge, null), ACCENTS));
        answers.add(new Answer("Messenger verify refused", () -> get("/webhooks/messenger?hub.mode=subscribe"
                + "&hub.verify_token=nope&hub.challenge=1", null), null));
        answers.add(new Answer("TwiML auto-reply", () -> webhooks.twilioBytes("/sms", TWILIO_TOKEN,
                sms("+15551230001", SMS_NUMBER, "allô", "SM00000000000000000000000000000071")), ACCENTS));
        answers.add(new Answer("TwiML empty answer", () -> webhooks.twilioBytes("/sms", TWILIO_TOKEN,
                sms("+15551230001", SMS_NUMBER, "encore", "SM00000000000000000000000000000072")), null));
        answers.add(new Answer("legacy 404", () -> get("/nowhere", null), null));
        answers.add(new Answer("v1 404", () -> get("/api/v1/nowhere", null), null));
        answers.add(new Answer("405", () -> api.bytes("PUT", "/webchat", null, null, null, Map.of()), null));
        answers.add(new Answer("legacy 401", () -> get("/admin/api/convos", null), null));
        answers.add(new Answer("v1 422", () -> api.bytes("POST", "/api/v1/widget/sessions", null,
                "application/json", "{}", Map.of()), null));
        answers.add(new Answer("legacy 415", () -> api.bytes("POST", "/webchat", null, "text/plain", "é", Map.of()), null));
        return answers;
    }

    @Test
    void everyTextAnswerIsUtf8AndDeclaresIt() {
        SoftAssertions softly = new SoftAssertions();
        for (Answer answer : answers()) {
            Api.Bytes reply = answer.call().get();
            String what = answer.what() + " (" + reply.status() + ", " + reply.contentType() + ")";
            assertThat(reply.body().length).as(what + " has a body").isPositive();
            assertThat(reply.contentType()).as(what + " declares its type").isNotNull();
            check(softly, answer, reply, what);
        }
        softly.assertAll();
    }

    private static void check(SoftAssertions softly, Answer answer, Api.Bytes reply, String what) {
        String type = reply.contentType().toLowerCase(Locale.ROOT).replace(" ", "");
        String mediaType = type.split(";")[0];
        boolean json = mediaType.equals("application/json") || mediaType.endsWith("+json");
        if (json) {
            softly.assertThat(type).as(what + ": JSON names no charset or utf-8").matches("[^;]+(;charset=utf-8)?");
        } else {
            softly.assertThat(type).as(what + " names utf-8").contains(";charset=utf-8");
        }
        String text = strictUtf8(reply.body());
        softly.assertThat(text).as(what + " is valid UTF-8").isNotNull();
        if (text != null && answer.mustContain() != null) {
            softly.assertThat(text).as(what + " carries the text unchanged").contains(answer.mustContain());
        }
    }

    /** The text, or null when the bytes are not UTF-8. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
