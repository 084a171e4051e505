package com.omnichat.server.legacy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LegacySocketsTest {
    private static final String GREETING = "Connecting you with a staff member, please wait...";

    private TestServer server;
    private Api api;
    private String token;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        token = api.loginAdmin();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void visitorSays(String userId, String text) {
        assertThat(api.post("/webchat", null, Map.of("user_id", userId, "text", text)).status()).isEqualTo(200);
    }

    /** A staff socket that is known to be registered: its snapshot of an existing conversation has arrived. */
    private TestSocket registeredStaffSocket() {
        visitorSays("visitor-warmup", "warming up");
        TestSocket staff = TestSocket.open(server.wsUrl("/admin-ws?token=" + token));
        staff.nextOfType("snapshot");
        return staff;
    }

    /** A visitor socket that is known to be registered: its typing has reached the staff socket. */
    private TestSocket registeredVisitorSocket(String path, String userId, TestSocket staff) {
        TestSocket visitor = TestSocket.open(server.wsUrl(path));
        visitor.send(Map.of("type", "stop_typing"));
        staff.nextMatching(f -> f.path("type").asText().equals("stop_typing") && f.path("user_id").asText().equals(userId));
        return visitor;
    }

    @Test
    void aVisitorMessageReachesStaffThenTheGreetingReachesBoth() {
        try (TestSocket staff = registeredStaffSocket();
             TestSocket visitor = registeredVisitorSocket("/ws/visitor-1", "visitor-1", staff)) {
            visitorSays("visitor-1", "hello there");

            JsonNode userFrame = staff.next();
            JsonNode greetingFrame = staff.next();
            assertThat(fieldNames(userFrame)).containsExactly("user_id", "channel", "sender", "text", "type", "ts");
            assertThat(userFrame.get("user_id").asText()).isEqualTo("visitor-1");
            assertThat(userFrame.get("channel").asText()).isEqualTo("webchat");
            assertThat(userFrame.get("sender").asText()).isEqualTo("user");
            assertThat(userFrame.get("text").asText()).isEqualTo("hello there");
            assertThat(userFrame.get("type").asText()).isEmpty();
            assertThat(greetingFrame.get("sender").asText()).isEqualTo("system");
            assertThat(greetingFrame.get("text").asText()).isEqualTo(GREETING);
            assertThat(greetingFrame.get("type").asText()).isEmpty();

            JsonNode toVisitor = visitor.next();
            assertThat(fieldNames(toVisitor)).containsExactly("sender", "text", "ts");
            assertThat(toVisitor.get("sender").asText()).isEqualTo("system");
            assertThat(toVisitor.get("text").asText()).isEqualTo(GREETING);
            assertThat(toVisitor.get("ts").asText()).isEqualTo(greetingFrame.get("ts").asText());
        }
    }

    @Test
    void aFollowupThanksTheVisitorAndStaffAlsoGetTheNoticeThatIsNotStored() {
        String thanks = "✅ Thank you for your message. Our team will respond promptly.";
        visitorSays("visitor-9", "anyone?");
        try (TestSocket staff = registeredStaffSocket();
             TestSocket visitor = registeredVisitorSocket("/ws/visitor-9", "visitor-9", staff)) {
            assertThat(api.post("/followup", null, Map.of("user_id", "visitor-9", "email", "ann@example.com")).status())
                    .isEqualTo(200);

            assertThat(staff.next().get("text").asText()).isEqualTo(thanks);
            JsonNode notice = staff.next();
            assertThat(notice.get("sender").asText()).isEqualTo("system");
            assertThat(notice.get("text").asText()).isEqualTo("[Follow-up submitted by visitor]");
            assertThat(visitor.next().get("text").asText()).isEqualTo(thanks);
            assertThat(api.get("/admin/api/messages/visitor-9/webchat", token).text())
                    .doesNotContain("Follow-up submitted");
        }
    }

    @Test
    void aStaffReplyReachesTheVisitorAsSenderTextTsOnly() {
        visitorSays("visitor-2", "first");
        try (TestSocket staff = registeredStaffSocket();
             TestSocket visitor = registeredVisitorSocket("/ws/visitor-2", "visitor-2", staff)) {
            visitorSays("visitor-2", "second, no greeting this time");

            assertThat(api.post("/admin/api/send", token,
                    Map.of("user_id", "visitor-2", "channel", "webchat", "text", "How can I help?")).status()).isEqualTo(200);

            JsonNode frame = visitor.next();
            assertThat(fieldNames(frame)).containsExactly("sender", "text", "ts");
            assertThat(frame.get("sender").asText()).isEqualTo("staff");
            assertThat(frame.get("text").asText()).isEqualTo("How can I help?");
            JsonNode stored = api.get("/admin/api/messages/visitor-2/webchat", token).body().get("messages");
            assertThat(frame.get("ts").asText()).isEqualTo(stored.get(stored.size() - 1).get("ts").asText());
            assertThat(staff.nextMatching(f -> f.path("sender").asText().equals("staff")).get("text").asText())
                    .isEqualTo("How can I help?");
        }
    }

    @Test
    void plusInTheSocketPathIsPartOfTheId() {
        try (TestSocket staff = registeredStaffSocket();
             TestSocket plain = registeredVisitorSocket("/ws/visitor+3", "visitor+3", staff);
             TestSocket encoded = registeredVisitorSocket("/ws/visitor%2B3", "visitor+3", staff)) {
            visitorSays("visitor+3", "plus");

            assertThat(plain.next().get("text").asText()).isEqualTo(GREETING);
            assertThat(encoded.next().get("text").asText()).isEqualTo(GREETING);
        }
    }

    @Test
    void theStaffSocketStartsWithASnapshotOfOpenConversations() {
        visitorSays("visitor-old", "older");
        visitorSays("visitor-new", "newer");
        assertThat(api.post("/handoff/close", token, Map.of("user_id", "visitor-old")).status()).isEqualTo(200);
        visitorSays("visitor-new", "newest");

        try (TestSocket staff = TestSocket.open(server.wsUrl("/admin-ws?token=" + token))) {
            JsonNode snapshot = staff.nextOfType("snapshot");

            assertThat(fieldNames(snapshot)).containsExactly("type", "data");
            JsonNode data = snapshot.get("data");
            assertThat(fieldNames(data)).containsExactlyInAnyOrder("user_id", "channel", "assigned_staff", "open",
                    "last_updated", "message_count", "messages");
            assertThat(data.get("user_id").asText()).isEqualTo("visitor-new");
            assertThat(data.get("open").isBoolean()).isTrue();
            assertThat(data.get("open").asBoolean()).isTrue();
            assertThat(data.get("message_count").asInt()).isEqualTo(3);
            assertThat(data.get("messages")).hasSize(3);
            assertThat(fieldNames(data.get("messages").get(0))).containsExactly("sender", "text", "ts");
            assertThat(data.get("messages").get(2).get("text").asText()).isEqualTo("newest");
        }
    }

    @Test
    void visitorTypingReachesStaffOnceEveryTwoSecondsUntilAStop() {
        try (TestSocket staff = registeredStaffSocket();
             TestSocket visitor = registeredVisitorSocket("/ws/visitor-4", "visitor-4", staff)) {
            visitor.send(Map.of("type", "TYPING", "user_id", "ignored"));
            visitor.send(Map.of("type", "typing"));
            visitor.send("not json");
            visitor.send(Map.of("type", "message", "text", "ignored"));
            visitor.send(Map.of("type", "stop_typing"));
            visitor.send(Map.of("type", "typing"));

            JsonNode typing = staff.next();
            JsonNode stop = staff.next();
            JsonNode again = staff.next();
            assertThat(fieldNames(typing)).containsExactly("user_id", "channel", "sender", "text", "type", "ts");
            assertThat(typing.get("type").asText()).isEqualTo("typing");
            assertThat(typing.get("sender").asText()).isEqualTo("user");
            assertThat(typing.get("text").asText()).isEmpty();
            assertThat(typing.get("user_id").asText()).isEqualTo("visitor-4");
            assertThat(stop.get("type").asText()).isEqualTo("stop_typing");
            assertThat(again.get("type").asText()).isEqualTo("typing");
        }
    }

    @Test
    void staffTypingReachesTheVisitorWithoutAText() {
        visitorSays("visitor-5", "hi");
        try (TestSocket staff = registeredStaffSocket();
             TestSocket visitor = registeredVisitorSocket("/ws/visitor-5", "visitor-5", staff)) {
            staff.send(Map.of("type", "staff_typing", "user_id", "visitor-nobody", "channel", "webchat"));
            staff.send(Map.of("type", "pong"));
            staff.send(Map.of("type", "typing", "user_id", "visitor-5", "channel", "webchat"));
            staff.send(Map.of("type", "staff_stop_typing", "user_id", "visitor-5"));

            JsonNode typing = visitor.next();
            JsonNode stop = visitor.next();
            assertThat(fieldNames(typing)).containsExactly("type", "sender", "ts");
            assertThat(typing.get("type").asText()).isEqualTo("typing");
            assertThat(typing.get("sender").asText()).isEqualTo("staff");
            assertThat(stop.get("type").asText()).isEqualTo("stop_typing");
        }
    }

    @Test
    void staffSocketsAreRefusedWithPolicyCloseCodes() {
        try (TestSocket noToken = TestSocket.open(server.wsUrl("/admin-ws"));
             TestSocket badToken = TestSocket.open(server.wsUrl("/admin-ws?token=not-a-jwt"));
             TestSocket foreignOrigin = TestSocket.open(server.wsUrl("/admin-ws?token=" + token),
                     Map.of("Origin", "https://evil.example"))) {
            assertThat(noToken.awaitClose()).isEqualTo(1008);
            assertThat(badToken.awaitClose()).isEqualTo(1008);
            assertThat(foreignOrigin.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void aTokenOfARoleThatMayNotSignInClosesWith1003AndAnExpiredOneWith1008() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"))) {
            c.createStatement().execute("PRAGMA busy_timeout = 10000");
            c.createStatement().execute("UPDATE users SET role = 'viewer' WHERE id = 1");
        }
        Instant now = Instant.now();
        String viewer = token("viewer", now.plusSeconds(600));
        String expired = token("admin", now.minusSeconds(60));

        try (TestSocket foreignRole = TestSocket.open(server.wsUrl("/admin-ws?token=" + viewer));
             TestSocket late = TestSocket.open(server.wsUrl("/admin-ws?token=" + expired))) {
            assertThat(foreignRole.awaitClose()).isEqualTo(1003);
            assertThat(late.awaitClose()).isEqualTo(1008);
        }
    }

    private static String token(String role, Instant expiresAt) {
        return JWT.create().withClaim("id", 1L).withClaim("tenant_id", 1L).withClaim("role", role)
                .withClaim("email", TestServer.ADMIN_EMAIL).withExpiresAt(expiresAt)
                .sign(Algorithm.HMAC256(TestServer.JWT_SECRET));
    }

    @Test
    void visitorSocketsAreRefusedWithPolicyCloseCodes() {
        try (TestSocket hardened = TestSocket.open(server.wsUrl("/ws/v_abcdefghijklmnopqrstuv"));
             TestSocket unknownSite = TestSocket.open(server.wsUrl("/ws/visitor-6?site_key=wk_nosuchkey"));
             TestSocket foreignOrigin = TestSocket.open(server.wsUrl("/ws/visitor-6"),
                     Map.of("Origin", "https://evil.example"))) {
            assertThat(hardened.awaitClose()).isEqualTo(1008);
            assertThat(unknownSite.awaitClose()).isEqualTo(1008);
            assertThat(foreignOrigin.awaitClose()).isEqualTo(1008);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
