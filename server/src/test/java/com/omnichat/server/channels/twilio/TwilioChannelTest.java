package com.omnichat.server.channels.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.storage.WriteContext;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.FakeTwilio;
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

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static com.omnichat.server.support.SignedWebhooks.sms;
import static com.omnichat.server.support.TestServer.withLifecycleOff;
import static org.assertj.core.api.Assertions.assertThat;

/** SMS and WhatsApp through a real server and a fake Twilio API, webhooks signed as Twilio signs them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioChannelTest {
    private static final String PUBLIC_BASE_URL = "https://chat.example.com";
    /** Refused webhooks, each counted once (repeats within a minute share a row, §C.5). */
    private static final String REJECTIONS =
            "SELECT COALESCE(SUM(occurrences), 0) FROM audit_events WHERE type = 'webhook.rejected'";
    private static final String ACCOUNT = "AC11111111111111111111111111111111";
    private static final String TOKEN = "auth-token-of-tenant-a";
    private static final String NUMBER = "+15550001000";
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    private static final String AUTO_REPLY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
            + "Thanks, we got your message!</Message></Response>";

    private final TestClock clock = TestClock.startingNow();
    private FakeTwilio twilio;
    private TestServer server;
    private Api api;
    private SignedWebhooks webhooks;
    private String admin;
    private int contacts;

    @BeforeAll
    void setUp() {
        twilio = FakeTwilio.start().account(ACCOUNT, TOKEN);
        server = TestServer.start(withLifecycleOff(Map.of("PUBLIC_BASE_URL", PUBLIC_BASE_URL,
                "TWILIO_API_BASE_URL", twilio.baseUrl())), clock);
        api = server.api();
        webhooks = new SignedWebhooks(api, PUBLIC_BASE_URL);
        admin = api.loginAdmin();
        ChannelSettings.set(api, admin, "twilio", Map.of("account_sid", ACCOUNT, "auth_token", TOKEN,
                "sms_number", NUMBER));
    }

    @BeforeEach
    void forgetEarlierRequests() {
        twilio.reset();
    }

    @AfterAll
    void tearDown() {
        server.close();
        twilio.close();
    }

    private String newContact() {
        return String.format("+1555123%04d", ++contacts);
    }

    private static String sid(String suffix) {
        return "SM" + String.format("%032d", Math.abs(suffix.hashCode()));
    }

    private TestSocket staffStream() {
        TestSocket socket = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + admin));
        socket.send(Map.of("type", "hello", "data", Map.of()));
        socket.nextOfType("ready");
        return socket;
    }

    /** A legacy staff socket known to be registered: the snapshot of an open conversation has arrived. */
    private TestSocket legacyStaffSocket() {
        assertThat(webhooks.twilio("/sms", TOKEN, sms(newContact(), NUMBER, "warm-up", sid("warm" + contacts))).status())
                .isEqualTo(200);
        TestSocket socket = TestSocket.open(server.wsUrl("/admin-ws?token=" + admin));
        socket.nextOfType("snapshot");
        return socket;
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private JsonNode messagesOf(String channel, String externalId) {
        return api.get("/admin/api/messages/" + externalId + "/" + channel, admin).body().get("messages");
    }

    private String conversationId(String externalId) {
        JsonNode list = api.get("/api/v1/conversations?q=" + externalId.substring(1), admin).body().get("data");
        for (JsonNode c : list) {
            if (c.get("external_id").asText().endsWith(externalId)) {
                return c.get("id").asText();
            }
        }
        throw new AssertionError("no conversation with " + externalId);
    }

    private JsonNode staffMessages(String externalId) {
        return api.get("/api/v1/conversations/" + conversationId(externalId) + "/messages", admin).body().get("data");
    }

    // ------------------------------------------------------------------ inbound

    @Test
    void inboundSmsWithAValidSignatureReachesBothKindsOfStaffSocket() {
        TestSocket legacy = legacyStaffSocket();
        TestSocket stream = staffStream();
        String contact = newContact();

        Api.Reply reply = webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "Are you open today?", sid("open")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/xml");
        assertThat(reply.text()).isEqualTo(AUTO_REPLY_TWIML);
        JsonNode created = stream.nextMatching(f -> f.path("type").asText().equals("message.created")
                && f.at("/data/text").asText().equals("Are you open today?"));
        assertThat(created.at("/data/sender").asText()).isEqualTo("user");
        JsonNode autoReply = stream.nextMatching(f -> f.path("type").asText().equals("message.created")
                && f.at("/data/sender").asText().equals("system"));
        assertThat(autoReply.at("/data/text").asText()).isEqualTo("Thanks, we got your message!");
        JsonNode userFrame = legacy.nextMatching(f -> f.path("user_id").asText().equals(contact));
        assertThat(userFrame.get("channel").asText()).isEqualTo("sms");
        assertThat(userFrame.get("sender").asText()).isEqualTo("user");
        assertThat(userFrame.get("text").asText()).isEqualTo("Are you open today?");
        assertThat(userFrame.get("type").asText()).isEmpty();
        JsonNode systemFrame = legacy.nextMatching(f -> f.path("user_id").asText().equals(contact));
        assertThat(systemFrame.get("sender").asText()).isEqualTo("system");
        assertThat(systemFrame.get("text").asText()).isEqualTo("Thanks, we got your message!");

        Api.Reply second = webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "Hello again", sid("again")));
        assertThat(second.text()).as("no auto-reply on an open conversation").isEqualTo(EMPTY_TWIML);
        assertThat(twilio.waiting()).as("the auto-reply travels as TwiML, not through the API").isZero();
        legacy.close();
        stream.close();
    }

    @Test
    void wrongOrMissingSignatureIsRefusedAndNothingIsStored() throws Exception {
        String contact = newContact();
        long messagesBefore = count("SELECT COUNT(*) FROM messages");
        long rejectedBefore = count(REJECTIONS);
        Map<String, String> fields = sms(contact, NUMBER, "forged", sid("forged"));

        Api.Reply wrongToken = webhooks.twilio("/sms", "not-the-token", fields);
        Api.Reply missing = webhooks.twilioWithSignature("/sms", null, fields);
        Api.Reply otherUrl = new SignedWebhooks(api, "https://elsewhere.example.com").twilio("/sms", TOKEN, fields);

        for (Api.Reply reply : new Api.Reply[]{wrongToken, missing, otherUrl}) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.text()).isEqualTo("{\"detail\":\"Invalid Twilio signature\"}");
        }
        assertThat(count("SELECT COUNT(*) FROM messages")).isEqualTo(messagesBefore);
        assertThat(count("SELECT COUNT(*) FROM conversations WHERE external_id = '" + contact + "'")).isZero();
        assertThat(count(REJECTIONS + " AND tenant_id = 1"))
                .isEqualTo(rejectedBefore + 3);
    }

    @Test
    void theDefaultPortMadeExplicitIsAccepted() {
        Map<String, String> fields = sms(newContact(), NUMBER, "with port", sid("port"));
        String signature = TwilioSignature.compute(TOKEN, "https://chat.example.com:443/sms", TwilioSignature.params(fields));
        assertThat(webhooks.twilioWithSignature("/sms", signature, fields).status()).isEqualTo(200);
    }

    @Test
    void aReplayedMessageSidIsStoredOnceAndGetsTheSameAnswer() throws Exception {
        String contact = newContact();
        Map<String, String> fields = sms(contact, NUMBER, "only once", sid("once"));

        Api.Reply first = webhooks.twilio("/sms", TOKEN, fields);
        Api.Reply replay = webhooks.twilio("/sms", TOKEN, fields);

        assertThat(first.text()).isEqualTo(AUTO_REPLY_TWIML);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.text()).isEqualTo(first.text());
        assertThat(count("SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                + "WHERE c.external_id = '" + contact + "'")).as("the message and its auto-reply").isEqualTo(2);
    }

    @Test
    void unknownNumberIs404AndBlankMessagesAreIgnored() throws Exception {
        Api.Reply unknown = webhooks.twilio("/sms", TOKEN, sms(newContact(), "+15559999999", "hi", sid("unknown")));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).isEqualTo("{\"detail\":\"Unknown number\"}");

        String contact = newContact();
        Api.Reply blank = webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "   ", sid("blank")));
        assertThat(blank.status()).isEqualTo(200);
        assertThat(blank.text()).isEqualTo(EMPTY_TWIML);
        assertThat(count("SELECT COUNT(*) FROM conversations WHERE external_id = '" + contact + "'")).isZero();
    }

    @Test
    void whatsappMessagesWithMediaKeepTheirPrefixAndListTheAttachments() {
        String contact = "whatsapp:" + newContact();
        Map<String, String> fields = sms(contact, "whatsapp:" + NUMBER, "  look at this  ", sid("media"));
        fields.put("NumMedia", "2");
        fields.put("MediaUrl0", "https://api.twilio.com/media/ME1");
        fields.put("MediaContentType0", "image/jpeg");
        fields.put("MediaUrl1", "https://api.twilio.com/media/ME2");
        fields.put("MediaContentType1", "application/pdf");

        Api.Reply reply = webhooks.twilio("/sms", TOKEN, fields);

        assertThat(reply.text()).isEqualTo(AUTO_REPLY_TWIML);
        JsonNode messages = messagesOf("whatsapp", contact);
        assertThat(messages.get(0).get("text").asText()).isEqualTo("look at this\n"
                + "[attachment: image/jpeg] https://api.twilio.com/media/ME1\n"
                + "[attachment: application/pdf] https://api.twilio.com/media/ME2");
    }

    @Test
    void theAutoReplyIsXmlEscaped() {
        TenantService.Created other = server.server().tenants().create("Escaping Co", "admin@escaping.example", "E",
                Optional.of("escaping-admin-password"));
        String otherAdmin = api.login("admin@escaping.example", "escaping-admin-password");
        ChannelSettings.set(api, otherAdmin, "twilio", Map.of("account_sid", "AC2", "auth_token", "escape-token",
                "sms_number", "+15550003000"));
        ChannelSettings.set(api, otherAdmin, "texts", Map.of("sms_auto_reply", "Tom & Jerry <open> \"now\""));
        Api.Reply reply = webhooks.twilio("/sms", "escape-token", sms(newContact(), "+15550003000", "hi", sid("escape")));
        assertThat(reply.text()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                + "Tom &amp; Jerry &lt;open&gt; &quot;now&quot;</Message></Response>");
    }

    @Test
    void aLongProviderErrorFullOfEmojiIsShortenedToStaffWithoutHalfAnEmoji() {
        TestSocket legacy = legacyStaffSocket();
        String contact = newContact();
        webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "hello", sid("emoji-error")));
        twilio.refuseNext(400, 21610, "😀".repeat(200));

        api.post("/admin/api/send", admin, Map.of("user_id", contact, "channel", "sms", "text", "Are you there?"));

        twilio.next();
        JsonNode notice = legacy.nextMatching(f -> f.path("text").asText().startsWith("[Delivery failed"));
        assertThat(notice.get("text").asText()).isEqualTo("[Delivery failed: " + "😀".repeat(157) + "... (21610)]");
        legacy.close();
    }

    @Test
    void theAutoReplyTravelsAsUtf8AndSaysSo() {
        server.server().tenants().create("Accents Co", "admin@accents.example", "A", Optional.of("accents-admin-password"));
        String otherAdmin = api.login("admin@accents.example", "accents-admin-password");
        ChannelSettings.set(api, otherAdmin, "twilio", Map.of("account_sid", "AC3", "auth_token", "accents-token",
                "sms_number", "+15550004000"));
        ChannelSettings.set(api, otherAdmin, "texts", Map.of("sms_auto_reply", "Nous répondons ✓ ✅"));

        Api.Bytes reply = webhooks.twilioBytes("/sms", "accents-token", sms(newContact(), "+15550004000", "allô", sid("accents")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType().toLowerCase().replace(" ", "")).isEqualTo("application/xml;charset=utf-8");
        assertThat(reply.body()).isEqualTo(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                + "Nous répondons ✓ ✅</Message></Response>").getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ outbound

    @Test
    void staffReplyReachesTwilioAndASignedStatusCallbackMarksItDelivered() {
        String contact = newContact();
        webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "question", sid("question")));
        TestSocket stream = staffStream();

        assertThat(api.post("/admin/api/send", admin, Map.of("user_id", contact, "channel", "sms", "text", "Yes, until 6 pm."))
                .status()).isEqualTo(200);

        FakeTwilio.Request sent = twilio.next();
        assertThat(sent.accountSid()).isEqualTo(ACCOUNT);
        assertThat(sent.username()).isEqualTo(ACCOUNT);
        assertThat(sent.password()).isEqualTo(TOKEN);
        assertThat(sent.form()).containsEntry("To", contact).containsEntry("From", NUMBER)
                .containsEntry("Body", "Yes, until 6 pm.")
                .containsEntry("StatusCallback", PUBLIC_BASE_URL + "/twilio/status")
                .doesNotContainKey("MessagingServiceSid");
        JsonNode queued = stream.nextMatching(f -> f.path("type").asText().equals("message.updated"));
        assertThat(queued.at("/data/delivery/status").asText()).isEqualTo("queued");
        String messageId = queued.at("/data/id").asText();
        String providerSid = providerIdOf(messageId);

        Map<String, String> callback = Map.of("MessageSid", providerSid, "MessageStatus", "delivered",
                "AccountSid", ACCOUNT, "To", contact, "From", NUMBER);
        assertThat(webhooks.twilio("/twilio/status", "wrong-token", callback).status()).isEqualTo(403);
        Api.Reply accepted = webhooks.twilio("/twilio/status", TOKEN, callback);
        assertThat(accepted.status()).isEqualTo(204);

        JsonNode delivered = stream.nextMatching(f -> f.path("type").asText().equals("message.updated"));
        assertThat(delivered.at("/data/id").asText()).isEqualTo(messageId);
        assertThat(delivered.at("/data/delivery/status").asText()).isEqualTo("delivered");
        assertThat(delivered.get("seq").asLong()).isGreaterThan(queued.get("seq").asLong());

        assertThat(webhooks.twilio("/twilio/status", TOKEN, Map.of("MessageSid", providerSid, "MessageStatus", "sent"))
                .status()).isEqualTo(204);
        JsonNode stored = staffMessages(contact).get(staffMessages(contact).size() - 1);
        assertThat(stored.at("/delivery/status").asText()).as("never backwards").isEqualTo("delivered");
        stream.close();
    }

    @Test
    void aReplyOverTheV1ApiIsDeliveredToo() {
        String contact = newContact();
        webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "v1 please", sid("v1")));

        Api.Reply reply = api.post("/api/v1/conversations/" + conversationId(contact) + "/messages", admin,
                Map.of("client_id", "v1-reply", "text", "Sent from the desktop app"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().at("/delivery/status").asText()).isEqualTo("pending");
        assertThat(twilio.next().form()).containsEntry("To", contact).containsEntry("Body", "Sent from the desktop app");
    }

    @Test
    void aClosedConversationIsReopenedByTheNextSmsAndGetsTheAutoReplyAgain() {
        String contact = newContact();
        assertThat(webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "first", sid("first"))).text())
                .isEqualTo(AUTO_REPLY_TWIML);
        assertThat(api.post("/handoff/close", admin, Map.of("user_id", contact, "channel", "sms")).status()).isEqualTo(200);

        assertThat(webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "back again", sid("back"))).text())
                .isEqualTo(AUTO_REPLY_TWIML);
        JsonNode conversation = api.get("/admin/api/messages/" + contact + "/sms", admin).body().get("conversation");
        assertThat(conversation.get("open").asInt()).isEqualTo(1);
        assertThat(conversation.get("message_count").asInt()).isEqualTo(4);
    }

    @Test
    void statusCallbackForAnUnknownSidIsAnsweredAndStoresNothing() throws Exception {
        long events = count("SELECT COUNT(*) FROM stream_events");
        Api.Reply reply = webhooks.twilio("/twilio/status", TOKEN, Map.of("MessageSid", "SMdoesnotexist",
                "MessageStatus", "delivered"));
        assertThat(reply.status()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM stream_events")).isEqualTo(events);
    }

    @Test
    void aTwilio4xxErrorIsStoredAndShownToStaff() {
        TestSocket legacy = legacyStaffSocket();
        String contact = newContact();
        webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "STOP?", sid("stop")));
        TestSocket stream = staffStream();
        twilio.refuseNext(400, 21610, "Attempt to send to unsubscribed recipient");

        api.post("/admin/api/send", admin, Map.of("user_id", contact, "channel", "sms", "text", "Are you there?"));

        twilio.next();
        JsonNode failed = stream.nextMatching(f -> f.path("type").asText().equals("message.updated"));
        assertThat(failed.at("/data/delivery/status").asText()).isEqualTo("failed");
        assertThat(failed.at("/data/delivery/error_code").asText()).isEqualTo("21610");
        assertThat(failed.at("/data/delivery/error_message").asText()).isEqualTo("Attempt to send to unsubscribed recipient");
        JsonNode notice = legacy.nextMatching(f -> f.path("text").asText().startsWith("[Delivery failed"));
        assertThat(notice.get("user_id").asText()).isEqualTo(contact);
        assertThat(notice.get("channel").asText()).isEqualTo("sms");
        assertThat(notice.get("sender").asText()).isEqualTo("system");
        assertThat(notice.get("type").asText()).isEmpty();
        assertThat(notice.get("text").asText()).isEqualTo("[Delivery failed: Attempt to send to unsubscribed recipient (21610)]");
        assertThat(notice.size()).isEqualTo(6);
        JsonNode stored = staffMessages(contact);
        assertThat(stored.get(stored.size() - 1).at("/delivery/status").asText()).isEqualTo("failed");
        assertThat(messagesOf("sms", contact).toString()).as("the notice is never stored").doesNotContain("Delivery failed");
        legacy.close();
        stream.close();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndSucceedOnceTheClockHasMoved() {
        String contact = newContact();
        webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "retry me", sid("retry")));
        twilio.failNext(503);
        twilio.failNext(500);

        api.post("/admin/api/send", admin, Map.of("user_id", contact, "channel", "sms", "text", "after a hiccup"));

        twilio.next();
        server.server().deliveryWorker().runOnce();
        assertThat(twilio.waiting()).as("not due before 2 s have passed").isZero();
        clock.advance(Duration.ofSeconds(2));
        server.server().deliveryWorker().runOnce();
        twilio.next();
        clock.advance(Duration.ofSeconds(7));
        server.server().deliveryWorker().runOnce();
        assertThat(twilio.waiting()).as("the second wait is 8 s").isZero();
        clock.advance(Duration.ofSeconds(1));
        server.server().deliveryWorker().runOnce();
        FakeTwilio.Request third = twilio.next();
        assertThat(third.form()).containsEntry("Body", "after a hiccup");
        JsonNode stored = staffMessages(contact);
        assertThat(stored.get(stored.size() - 1).at("/delivery/status").asText()).isEqualTo("queued");
    }

    @Test
    void aRestartResumesAPendingDelivery() {
        String contact = newContact();
        webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "before restart", sid("restart")));
        twilio.failNext(503);
        api.post("/admin/api/send", admin, Map.of("user_id", contact, "channel", "sms", "text", "survives a restart"));
        twilio.next();

        server.restart();
        admin = api.loginAdmin();
        clock.advance(Duration.ofSeconds(2));
        server.server().deliveryWorker().runOnce();

        FakeTwilio.Request resumed = twilio.next();
        assertThat(resumed.form()).containsEntry("Body", "survives a restart").containsEntry("To", contact);
        JsonNode stored = staffMessages(contact);
        assertThat(stored.get(stored.size() - 1).at("/delivery/status").asText()).isEqualTo("queued");
    }

    @Test
    void longTextsAreSplitAtWhitespaceAndWhatsappUsesItsPrefixes() {
        String number = newContact();
        String contact = "whatsapp:" + number;
        webhooks.twilio("/sms", TOKEN, sms(contact, "whatsapp:" + NUMBER, "hi", sid("split")));
        String text = "word ".repeat(500).trim();

        api.post("/admin/api/send", admin, Map.of("user_id", contact, "channel", "whatsapp", "text", text));

        FakeTwilio.Request first = twilio.next();
        FakeTwilio.Request second = twilio.next();
        assertThat(first.form()).containsEntry("To", contact).containsEntry("From", "whatsapp:" + NUMBER);
        assertThat(first.form().get("Body").length()).isLessThanOrEqualTo(1600);
        assertThat(first.form().get("Body") + " " + second.form().get("Body")).isEqualTo(text);
    }

    @Test
    void staffCanStartAnSmsConversationOverTheV1Api() {
        String contact = newContact();
        Api.Reply started = api.post("/api/v1/conversations", admin, Map.of("channel", "sms", "external_id", contact,
                "client_id", "start-1", "text", "Your order is ready"));

        assertThat(started.status()).isEqualTo(201);
        assertThat(started.body().at("/conversation/external_id").asText()).isEqualTo(contact);
        assertThat(started.body().at("/conversation/status").asText()).isEqualTo("open");
        assertThat(started.body().at("/message/delivery/status").asText()).isEqualTo("pending");
        assertThat(twilio.next().form()).containsEntry("To", contact).containsEntry("Body", "Your order is ready");

        Api.Reply replay = api.post("/api/v1/conversations", admin, Map.of("channel", "sms", "external_id", contact,
                "client_id", "start-1", "text", "Your order is ready"));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replay")).isEqualTo("true");
        assertThat(api.post("/api/v1/conversations", admin, Map.of("channel", "messenger", "external_id", contact,
                "client_id", "start-2", "text", "x")).status()).isEqualTo(422);
    }

    @Test
    void theAlertSenderQueuesAnSmsFromTheTenantsNumber() {
        boolean queued = server.server().services().db().writer().execute(tx -> alert(tx, 1, "+15550009999"));
        assertThat(queued).isTrue();
        FakeTwilio.Request alert = twilio.next();
        assertThat(alert.form()).containsEntry("From", NUMBER).containsEntry("To", "+15550009999")
                .containsEntry("Body", "[Escalation Alert] test");

        TenantService.Created unconfigured = server.server().tenants().create("No Twilio", "admin@notwilio.example", "N",
                Optional.of("no-twilio-password"));
        boolean queuedWithoutTwilio = server.server().services().db().writer()
                .execute(tx -> alert(tx, tenantIdOf(unconfigured), "+15550009999"));
        assertThat(queuedWithoutTwilio).isFalse();
    }

    private boolean alert(WriteContext tx, long tenantId, String number) {
        return server.server().alertSender().queueAlert(tx, tenantId, number, "[Escalation Alert] test");
    }

    @Test
    void eachTenantsNumberAndCredentialsRouteToThatTenant() {
        TenantService.Created b = server.server().tenants().create("Tenant B", "admin@b-sms.example", "B",
                Optional.of("b-sms-admin-password"));
        String tokenB = api.login("admin@b-sms.example", "b-sms-admin-password");
        twilio.account("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "token-of-b");
        ChannelSettings.set(api, tokenB, "twilio", Map.of("account_sid", "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                "auth_token", "token-of-b", "messaging_service_sid", "MGbbbb", "sms_number", "+15550002000"));
        String contact = newContact();

        assertThat(webhooks.twilio("/sms", TOKEN, sms(contact, "+15550002000", "to B", sid("b1"))).status())
                .as("A's token does not sign for B's number").isEqualTo(403);
        assertThat(webhooks.twilio("/sms", "token-of-b", sms(contact, "+15550002000", "to B", sid("b2"))).status())
                .isEqualTo(200);

        assertThat(api.get("/admin/api/messages/" + contact + "/sms", tokenB).body().get("messages")).hasSize(2);
        assertThat(api.get("/admin/api/messages/" + contact + "/sms", admin).body().get("messages")).isEmpty();
        api.post("/admin/api/send", tokenB, Map.of("user_id", contact, "channel", "sms", "text", "from B"));
        FakeTwilio.Request sent = twilio.next();
        assertThat(sent.accountSid()).isEqualTo("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        assertThat(sent.password()).isEqualTo("token-of-b");
        assertThat(sent.form()).containsEntry("MessagingServiceSid", "MGbbbb").doesNotContainKey("From");
    }

    private String providerIdOf(String messageId) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT provider_id FROM messages WHERE id = " + messageId.substring(2))) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long tenantIdOf(TenantService.Created created) {
        return created.tenantId();
    }
}
