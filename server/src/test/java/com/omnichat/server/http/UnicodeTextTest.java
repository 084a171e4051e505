package com.omnichat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static com.omnichat.server.support.SignedWebhooks.sms;
import static com.omnichat.server.support.TestServer.withLifecycleOff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text must be valid Unicode and is measured in code points (PROTOCOL.md §0). Half a surrogate pair, escaped in JSON,
 * used to be stored as '?', so the honest retry of the same message then met a 409; now it is a 422 before anything
 * is stored, on every route and frame that takes text. An emoji counts as one character and is never cut in half.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnicodeTextTest {
    private static final int LIMIT = 10;
    private static final String EMOJI = "😀";
    /** JSON text holding an escaped lone high surrogate: the bytes a buggy client or an attacker sends. */
    private static final String LONE = "hi \\ud800 there";
    private static final String PUBLIC_BASE_URL = "https://chat.example.com";
    private static final String SMS_NUMBER = "+15550008000";
    private static final String TWILIO_TOKEN = "unicode-twilio-token";

    private TestServer server;
    private Api api;
    private String admin;
    private String siteKey;

    @BeforeAll
    void setUp() {
        server = TestServer.start(withLifecycleOff(Map.of("OMNICHAT_MAX_MESSAGE_CHARS", String.valueOf(LIMIT),
                "PUBLIC_BASE_URL", PUBLIC_BASE_URL)));
        api = server.api();
        admin = api.loginAdmin();
        siteKey = server.server().bootstrap().orElseThrow().siteKey();
        ChannelSettings.set(api, admin, "twilio", Map.of("account_sid", "AC8", "auth_token", TWILIO_TOKEN,
                "sms_number", SMS_NUMBER));
    }

    @AfterAll
    void tearDown() {
        server.close();
    }

    private Api.Reply rawPost(String path, String auth, String json) {
        return api.raw("POST", path, auth, "application/json", json, Map.of());
    }

    @Test
    void aLoneSurrogateOnTheLegacyVisitorRoutesIs422AndTheValidRetrySucceeds() throws Exception {
        long messages = count("messages");
        Api.Reply refused = rawPost("/webchat", null, "{\"user_id\":\"visitor-s1\",\"text\":\"" + LONE + "\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().at("/detail/0/loc").toString()).isEqualTo("[\"body\",\"text\"]");
        assertThat(count("messages")).isEqualTo(messages);
        assertThat(count("conversations WHERE external_id = 'visitor-s1'")).isZero();

        long followups = count("followups");
        assertThat(rawPost("/followup", null, "{\"user_id\":\"visitor-s1\",\"name\":\"Zo\\udc00\",\"email\":\"z@example.com\"}")
                .status()).isEqualTo(422);
        assertThat(count("followups")).isEqualTo(followups);

        assertThat(rawPost("/webchat", null, "{\"user_id\":\"visitor-s1\",\"text\":\"hi there\"}").status()).isEqualTo(200);
    }

    @Test
    void aLoneSurrogateOnTheWidgetApiIs422AndTheHonestRetryWithTheSameClientIdSucceeds() throws Exception {
        String visitor = api.newVisitor(siteKey);
        long messages = count("messages");

        Api.Reply refused = rawPost("/api/v1/widget/messages", visitor, "{\"client_id\":\"m1\",\"text\":\"" + LONE + "\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().at("/error/code").asText()).isEqualTo("validation_failed");
        assertThat(refused.body().at("/error/details/fields/text").asText()).contains("Unicode");
        assertThat(count("messages")).isEqualTo(messages);

        Api.Reply retry = api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "m1", "text", "hi there"));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().get("text").asText()).isEqualTo("hi there");

        long followups = count("followups");
        assertThat(rawPost("/api/v1/widget/followups", visitor, "{\"message\":\"call me \\ud83d\"}").status()).isEqualTo(422);
        assertThat(count("followups")).isEqualTo(followups);
    }

    @Test
    void aLoneSurrogateFromStaffIs422OnMessagesAndNames() throws Exception {
        String visitor = api.newVisitor(siteKey);
        api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "v1", "text", "staff test"));
        String conversation = api.get("/api/v1/conversations?q=staff%20test", admin).body().at("/data/0/id").asText();
        long messages = count("messages");

        Api.Reply refused = rawPost("/api/v1/conversations/" + conversation + "/messages", admin,
                "{\"client_id\":\"s1\",\"text\":\"" + LONE + "\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(count("messages")).isEqualTo(messages);
        assertThat(api.post("/api/v1/conversations/" + conversation + "/messages", admin,
                Map.of("client_id", "s1", "text", "hi there")).status()).isEqualTo(201);

        assertThat(api.raw("PATCH", "/api/v1/me", admin, "application/json", "{\"name\":\"Ad\\ud800min\"}", Map.of())
                .status()).isEqualTo(422);
        assertThat(api.get("/api/v1/auth/me", admin).body().get("name").asText()).isEqualTo("Default Admin");
        assertThat(rawPost("/admin/api/send", admin, "{\"user_id\":\"" + visitorId(visitor)
                + "\",\"channel\":\"webchat\",\"text\":\"" + LONE + "\"}").status()).isEqualTo(422);
        assertThat(count("messages")).isEqualTo(messages + 1);
    }

    @Test
    void aLoneSurrogateInAStreamFrameIsRefusedInTheAckAndTheRetrySucceeds() throws Exception {
        String visitor = api.newVisitor(siteKey);
        long messages = count("messages");
        try (TestSocket stream = TestSocket.open(server.wsUrl("/api/v1/widget/stream"))) {
            stream.send(Map.of("type", "hello", "data", Map.of("visitor_id", visitorId(visitor),
                    "visitor_secret", visitor.substring(visitor.indexOf(':') + 1))));
            stream.nextOfType("ready");
            stream.send("{\"type\":\"message.send\",\"seq\":null,\"ref\":\"r1\",\"data\":{\"client_id\":\"f1\",\"text\":\""
                    + LONE + "\"}}");
            JsonNode refused = stream.nextMatching(f -> "ack".equals(f.path("type").asText()));
            assertThat(refused.at("/data/ok").asBoolean()).isFalse();
            assertThat(refused.at("/data/error/code").asText()).isEqualTo("validation_failed");
            assertThat(count("messages")).isEqualTo(messages);

            stream.send(Map.of("type", "message.send", "ref", "r2", "data", Map.of("client_id", "f1", "text", "hi there")));
            JsonNode accepted = stream.nextMatching(f -> "ack".equals(f.path("type").asText()));
            assertThat(accepted.at("/data/ok").asBoolean()).isTrue();
            assertThat(accepted.at("/data/result/text").asText()).isEqualTo("hi there");
        }
    }

    @Test
    void aMessageOfExactlyTheLimitInEmojiIsAcceptedAndOneMoreIsRefused() throws Exception {
        String visitor = api.newVisitor(siteKey);
        String atLimit = EMOJI.repeat(LIMIT);
        String overLimit = EMOJI.repeat(LIMIT + 1);

        Api.Reply accepted = api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "e1", "text", atLimit));
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.body().get("text").asText()).isEqualTo(atLimit);
        Api.Reply refused = api.post("/api/v1/widget/messages", visitor, Map.of("client_id", "e2", "text", overLimit));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().at("/error/details/fields/text").asText()).isEqualTo("must be at most 10 characters");

        assertThat(api.post("/webchat", null, Map.of("user_id", "visitor-e", "text", atLimit)).status()).isEqualTo(200);
        assertThat(api.post("/webchat", null, Map.of("user_id", "visitor-e", "text", overLimit)).status()).isEqualTo(422);

        try (TestSocket stream = TestSocket.open(server.wsUrl("/api/v1/widget/stream"))) {
            stream.send(Map.of("type", "hello", "data", Map.of("visitor_id", visitorId(visitor),
                    "visitor_secret", visitor.substring(visitor.indexOf(':') + 1))));
            stream.nextOfType("ready");
            stream.send(Map.of("type", "message.send", "ref", "a", "data", Map.of("client_id", "e3", "text", atLimit)));
            assertThat(stream.nextMatching(f -> "ack".equals(f.path("type").asText())).at("/data/ok").asBoolean()).isTrue();
            stream.send(Map.of("type", "message.send", "ref", "b", "data", Map.of("client_id", "e4", "text", overLimit)));
            assertThat(stream.nextMatching(f -> "ack".equals(f.path("type").asText())).at("/data/ok").asBoolean()).isFalse();
        }
    }

    @Test
    void anInboundSmsOverTheLimitIsKeptToTheLimitInWholeEmoji() {
        SignedWebhooks webhooks = new SignedWebhooks(api, PUBLIC_BASE_URL);
        assertThat(webhooks.twilio("/sms", TWILIO_TOKEN, sms("+15551239001", SMS_NUMBER, EMOJI.repeat(LIMIT),
                "SM00000000000000000000000000000081")).status()).isEqualTo(200);
        assertThat(webhooks.twilio("/sms", TWILIO_TOKEN, sms("+15551239001", SMS_NUMBER, EMOJI.repeat(LIMIT + 3),
                "SM00000000000000000000000000000082")).status()).isEqualTo(200);

        JsonNode messages = api.get("/admin/api/messages/+15551239001/sms", admin).body().get("messages");
        assertThat(messages).filteredOn(m -> m.get("sender").asText().equals("user"))
                .extracting(m -> m.get("text").asText())
                .containsExactly(EMOJI.repeat(LIMIT), EMOJI.repeat(LIMIT));
    }

    private static String visitorId(String visitorAuth) {
        return visitorAuth.substring("Visitor ".length(), visitorAuth.indexOf(':'));
    }

    private long count(String tableAndCondition) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + tableAndCondition)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
