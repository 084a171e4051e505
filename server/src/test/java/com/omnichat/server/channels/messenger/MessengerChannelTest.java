package com.omnichat.server.channels.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.FakeGraph;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestClock;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import com.omnichat.server.tenants.TenantService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.omnichat.server.support.TestServer.withLifecycleOff;
import static org.assertj.core.api.Assertions.assertThat;

/** Facebook Messenger through a real server and a fake Graph API, events signed as Meta signs them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessengerChannelTest {
    private static final String PUBLIC_BASE_URL = "https://chat.example.com";
    /** Refused webhooks, each counted once (repeats within a minute share a row, §C.5). */
    private static final String REJECTIONS =
            "SELECT COALESCE(SUM(occurrences), 0) FROM audit_events WHERE type = 'webhook.rejected'";
    private static final String PAGE_ID = "1234567890";
    private static final String PAGE_TOKEN = "page-access-token-of-a";
    private static final String APP_SECRET = "app-secret-of-a";
    private static final String VERIFY_TOKEN = "verify-token-of-a";

    private final TestClock clock = TestClock.startingNow();
    private FakeGraph graph;
    private TestServer server;
    private Api api;
    private SignedWebhooks webhooks;
    private String admin;
    private int contacts;
    private int mids;

    @BeforeAll
    void setUp() {
        graph = FakeGraph.start().pageToken(PAGE_TOKEN);
        server = TestServer.start(withLifecycleOff(Map.of("PUBLIC_BASE_URL", PUBLIC_BASE_URL,
                "FB_GRAPH_BASE_URL", graph.baseUrl(), "FB_GRAPH_VERSION", "v25.0")), clock);
        api = server.api();
        webhooks = new SignedWebhooks(api, PUBLIC_BASE_URL);
        admin = api.loginAdmin();
        ChannelSettings.set(api, admin, "messenger", Map.of("page_id", PAGE_ID, "page_access_token", PAGE_TOKEN,
                "app_secret", APP_SECRET, "verify_token", VERIFY_TOKEN));
    }

    @BeforeEach
    void forgetEarlierRequests() {
        graph.reset();
    }

    @AfterAll
    void tearDown() {
        server.close();
        graph.close();
    }

    private String newPsid() {
        return "2" + String.format("%015d", ++contacts);
    }

    private static String event(String pageId, String items) {
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + pageId + "\",\"time\":1764089000000,\"messaging\":["
                + items + "]}]}";
    }

    private String textItem(String psid, String pageId, String text) {
        return "{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + pageId + "\"},\"timestamp\":1764089000000,"
                + "\"message\":{\"mid\":\"m_in_" + (++mids) + "\",\"text\":\"" + text + "\"}}";
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private JsonNode messagesOf(String psid) {
        return api.get("/admin/api/messages/" + psid + "/messenger", admin).body().get("messages");
    }

    private JsonNode staffMessages(String psid) {
        JsonNode list = api.get("/api/v1/conversations?channel=messenger&q=" + psid, admin).body().get("data");
        String id = list.get(0).get("id").asText();
        return api.get("/api/v1/conversations/" + id + "/messages", admin).body().get("data");
    }

    @Test
    void theVerifyHandshakeEchoesTheChallengeOnlyForAKnownToken() {
        Api.Reply ok = api.get("/webhooks/messenger?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN
                + "&hub.challenge=1158201444", null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Content-Type")).startsWith("text/plain");
        assertThat(ok.text()).isEqualTo("1158201444");

        Api.Reply wrongToken = api.get("/webhooks/messenger?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1", null);
        Api.Reply wrongMode = api.get("/webhooks/messenger?hub.mode=unsubscribe&hub.verify_token=" + VERIFY_TOKEN
                + "&hub.challenge=1", null);
        for (Api.Reply reply : List.of(wrongToken, wrongMode)) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.text()).isEqualTo("{\"detail\":\"Verification failed\"}");
        }
    }

    @Test
    void halfAnEmojiFromMetaIsKeptAsAReplacementCharacterAndALookAlikeSenderIsIgnored() throws Exception {
        String psid = newPsid();
        assertThat(webhooks.messenger(APP_SECRET, event(PAGE_ID, textItem(psid, PAGE_ID, "cut \\ud83d here 😀")))
                .status()).isEqualTo(200);
        graph.next();
        assertThat(messagesOf(psid).get(0).get("text").asText()).isEqualTo("cut \uFFFD here 😀");

        long conversations = count("SELECT COUNT(*) FROM conversations");
        assertThat(webhooks.messenger(APP_SECRET, event(PAGE_ID, textItem(psid + "\\u200b", PAGE_ID, "shadow")))
                .status()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM conversations")).isEqualTo(conversations);
    }

    @Test
    void aSignedEventBecomesAMessageAndTheGreetingIsSentWithAppsecretProof() {
        TestSocket stream = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + admin));
        stream.send(Map.of("type", "hello", "data", Map.of()));
        stream.nextOfType("ready");
        String psid = newPsid();

        Api.Reply reply = webhooks.messenger(APP_SECRET, event(PAGE_ID, textItem(psid, PAGE_ID, "Hi, is anyone there?")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("EVENT_RECEIVED");
        JsonNode created = stream.nextMatching(f -> f.path("type").asText().equals("message.created")
                && f.at("/data/sender").asText().equals("user"));
        assertThat(created.at("/data/text").asText()).isEqualTo("Hi, is anyone there?");
        FakeGraph.Request greeting = graph.next();
        assertThat(greeting.path()).isEqualTo("/v25.0/me/messages");
        assertThat(greeting.query()).containsEntry("access_token", PAGE_TOKEN)
                .containsEntry("appsecret_proof", MetaSignature.appSecretProof(APP_SECRET, PAGE_TOKEN));
        assertThat(greeting.body().at("/recipient/id").asText()).isEqualTo(psid);
        assertThat(greeting.body().get("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(greeting.body().at("/message/text").asText())
                .isEqualTo("Connecting you with a staff member, please wait...");
        JsonNode sent = stream.nextMatching(f -> f.path("type").asText().equals("message.updated"));
        assertThat(sent.at("/data/delivery/status").asText()).isEqualTo("sent");
        stream.close();
    }

    @Test
    void aWrongOrMissingSignatureIsRefusedAndNothingIsStored() throws Exception {
        String psid = newPsid();
        String body = event(PAGE_ID, textItem(psid, PAGE_ID, "forged"));
        long rejected = count(REJECTIONS);

        Api.Reply wrongSecret = webhooks.messenger("another-secret", body);
        Api.Reply missing = webhooks.messenger(null, body);
        Api.Reply reserialised = api.raw("POST", "/webhooks/messenger", null, "application/json",
                Api.JSON.readTree(body).toPrettyString(), Map.of(MetaSignature.HEADER,
                        MetaSignature.header(APP_SECRET, body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));

        for (Api.Reply reply : List.of(wrongSecret, missing, reserialised)) {
            assertThat(reply.status()).isEqualTo(403);
        }
        assertThat(count("SELECT COUNT(*) FROM conversations WHERE external_id = '" + psid + "'")).isZero();
        assertThat(count(REJECTIONS)).isEqualTo(rejected + 3);
        assertThat(graph.waiting()).isZero();
    }

    @Test
    void aStaffReplyReachesTheSendApiAndADeliveryReceiptMarksItDelivered() {
        String psid = newPsid();
        webhooks.messenger(APP_SECRET, event(PAGE_ID, textItem(psid, PAGE_ID, "hello")));
        graph.next();

        api.post("/admin/api/send", admin, Map.of("user_id", psid, "channel", "messenger", "text", "How can I help?"));

        FakeGraph.Request reply = graph.next();
        assertThat(reply.query()).containsEntry("access_token", PAGE_TOKEN)
                .containsEntry("appsecret_proof", MetaSignature.appSecretProof(APP_SECRET, PAGE_TOKEN));
        assertThat(reply.body().at("/message/text").asText()).isEqualTo("How can I help?");
        assertThat(reply.body().get("messaging_type").asText()).isEqualTo("RESPONSE");
        String mid = waitForProviderId(psid);

        webhooks.messenger(APP_SECRET, event(PAGE_ID, "{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\""
                + PAGE_ID + "\"},\"delivery\":{\"mids\":[\"" + mid + "\"],\"watermark\":1764089000000}}"));

        JsonNode messages = staffMessages(psid);
        assertThat(messages.get(messages.size() - 1).at("/delivery/status").asText()).isEqualTo("delivered");
    }

    @Test
    void echoesReadsAndReactionsAreSkippedPostbacksBecomeMessagesAndAMidIsStoredOnce() throws Exception {
        String psid = newPsid();
        String first = textItem(psid, PAGE_ID, "once");
        webhooks.messenger(APP_SECRET, event(PAGE_ID, first));
        webhooks.messenger(APP_SECRET, event(PAGE_ID, first));
        webhooks.messenger(APP_SECRET, event(PAGE_ID, String.join(",",
                "{\"sender\":{\"id\":\"" + PAGE_ID + "\"},\"recipient\":{\"id\":\"" + psid + "\"},"
                        + "\"message\":{\"mid\":\"m_echo\",\"is_echo\":true,\"text\":\"echo\"}}",
                "{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},\"read\":{\"watermark\":1}}",
                "{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},"
                        + "\"reaction\":{\"mid\":\"m_in_1\",\"action\":\"react\",\"emoji\":\"x\"}}",
                "{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},"
                        + "\"postback\":{\"mid\":\"m_postback\",\"title\":\"Talk to sales\",\"payload\":\"SALES\"}}",
                "{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},"
                        + "\"message\":{\"mid\":\"m_photo\",\"attachments\":[{\"type\":\"image\",\"payload\":"
                        + "{\"url\":\"https://cdn.example.com/p.jpg\"}}]}}")));

        JsonNode messages = messagesOf(psid);
        assertThat(messages).extracting(m -> m.get("text").asText()).containsExactly("once",
                "Connecting you with a staff member, please wait...", "Talk to sales",
                "[attachment: image] https://cdn.example.com/p.jpg");
    }

    @Test
    void afterADayTheHumanAgentTagIsUsedAndAfterAWeekNothingIsSent() {
        String psid = newPsid();
        webhooks.messenger(APP_SECRET, event(PAGE_ID, textItem(psid, PAGE_ID, "hello")));
        graph.next();

        clock.advance(Duration.ofHours(25));
        admin = api.loginAdmin();
        Api.Reply sent = api.post("/admin/api/send", admin, Map.of("user_id", psid, "channel", "messenger",
                "text", "Sorry for the wait"));
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        FakeGraph.Request late = graph.next();
        assertThat(late.body().get("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
        assertThat(late.body().get("tag").asText()).isEqualTo("HUMAN_AGENT");

        clock.advance(Duration.ofDays(7));
        admin = api.loginAdmin();
        api.post("/admin/api/send", admin, Map.of("user_id", psid, "channel", "messenger", "text", "Still there?"));
        server.server().deliveryWorker().runOnce();
        JsonNode messages = staffMessages(psid);
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.at("/delivery/status").asText()).isEqualTo("failed");
        assertThat(last.at("/delivery/error_code").asText()).isEqualTo("outside_messaging_window");
        assertThat(graph.waiting()).isZero();
    }

    @Test
    void aSendApiErrorIsStoredWithItsCodeAndLongTextsAreSplit() {
        String psid = newPsid();
        webhooks.messenger(APP_SECRET, event(PAGE_ID, textItem(psid, PAGE_ID, "hello")));
        graph.next();

        String text = "word ".repeat(600).trim();
        api.post("/admin/api/send", admin, Map.of("user_id", psid, "channel", "messenger", "text", text));
        String firstPart = graph.next().body().at("/message/text").asText();
        String secondPart = graph.next().body().at("/message/text").asText();
        assertThat(firstPart.length()).isLessThanOrEqualTo(2000);
        assertThat(firstPart + " " + secondPart).isEqualTo(text);

        graph.refuseNext(400, 10, "This message is sent outside of allowed window.");
        api.post("/admin/api/send", admin, Map.of("user_id", psid, "channel", "messenger", "text", "refused"));
        graph.next();
        server.server().deliveryWorker().runOnce();
        JsonNode messages = staffMessages(psid);
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.at("/delivery/status").asText()).isEqualTo("failed");
        assertThat(last.at("/delivery/error_code").asText()).isEqualTo("10");
    }

    @Test
    void eachPageRoutesToItsTenantWithItsOwnSecretAndToken() {
        TenantService.Created b = server.server().tenants().create("Tenant B", "admin@b-fb.example", "B",
                Optional.of("b-fb-admin-password"));
        String tokenB = api.login("admin@b-fb.example", "b-fb-admin-password");
        graph.pageToken("page-token-of-b");
        ChannelSettings.set(api, tokenB, "messenger", Map.of("page_id", "999000", "page_access_token",
                "page-token-of-b", "app_secret", "app-secret-of-b", "verify_token", "verify-of-b"));
        String psid = newPsid();

        assertThat(webhooks.messenger(APP_SECRET, event("999000", textItem(psid, "999000", "to B"))).status())
                .as("A's secret does not sign for B's page").isEqualTo(403);
        assertThat(webhooks.messenger("app-secret-of-b", event("999000", textItem(psid, "999000", "to B"))).status())
                .isEqualTo(200);
        assertThat(api.get("/admin/api/messages/" + psid + "/messenger", tokenB).body().get("messages")).isNotEmpty();
        assertThat(api.get("/admin/api/messages/" + psid + "/messenger", admin).body().get("messages")).isEmpty();
        FakeGraph.Request greeting = graph.next();
        assertThat(greeting.query()).containsEntry("access_token", "page-token-of-b")
                .containsEntry("appsecret_proof", MetaSignature.appSecretProof("app-secret-of-b", "page-token-of-b"));
        assertThat(api.get("/webhooks/messenger?hub.mode=subscribe&hub.verify_token=verify-of-b&hub.challenge=7", null)
                .text()).isEqualTo("7");
    }

    private String waitForProviderId(String psid) {
        for (int i = 0; i < 100; i++) {
            JsonNode messages = staffMessages(psid);
            JsonNode last = messages.get(messages.size() - 1);
            if (last.at("/delivery/status").asText().equals("sent")) {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
                     Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT provider_id FROM messages WHERE id = "
                             + last.get("id").asText().substring(2))) {
                    rs.next();
                    return rs.getString(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            server.server().deliveryWorker().runOnce();
        }
        throw new AssertionError("the reply was never marked sent");
    }
}
