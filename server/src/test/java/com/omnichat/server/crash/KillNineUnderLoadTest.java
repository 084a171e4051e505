package com.omnichat.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.FakeTwilio;
import com.omnichat.server.support.ServerProcess;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static com.omnichat.server.support.SignedWebhooks.sms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue 13 crash test: a server process under load in both directions (visitor messages, staff replies over REST
 * that go out by SMS through the delivery outbox, followups, signed Twilio webhooks) is killed with SIGKILL at a
 * random moment, five times, and restarted on the same data directory. After every restart everything the server
 * acknowledged is stored exactly once, no tenant has a seq twice, and the outbox resumes: every acknowledged SMS reply
 * reaches the fake Twilio, at least once as ADR 0013 promises, and a second time only when the kill fell between
 * Twilio taking it and the server recording that (one part in flight per kill, so at most one resend per kill).
 * The counts go to {@code target/crash-test-report.txt}.
 */
class KillNineUnderLoadTest {
    private static final int ROUNDS = 5;
    private static final String PUBLIC_BASE_URL = "https://crash.example.com";
    private static final String ACCOUNT = "AC33333333333333333333333333333333";
    private static final String TOKEN = "crash-test-twilio-token-0123";
    private static final String NUMBER = "+15550005000";
    private static final int REPLY_CONTACTS = 5;
    private static final Path REPORT = Path.of("target", "crash-test-report.txt");
    private static final Path SERVER_LOG = Path.of("target", "crash-test-server.log");

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private final List<String> report = new ArrayList<>();

    /** What the server answered 2xx to, by kind, and what it was asked, acknowledged or not. */
    private final Queue<String> visitorMessages = new ConcurrentLinkedQueue<>();
    private final Queue<String> staffReplies = new ConcurrentLinkedQueue<>();
    private final Queue<String> followups = new ConcurrentLinkedQueue<>();
    private final Queue<String> inboundSms = new ConcurrentLinkedQueue<>();
    /** Answers other than 2xx: every request of the load is valid and the limits are off, so there should be none. */
    private final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> reachedTwilio = new HashMap<>();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void acknowledgedWorkSurvivesSigkillUnderLoadAndTheOutboxResumes(@TempDir Path dir) throws Exception {
        Path dataDir = Files.createDirectory(dir.resolve("data"));
        Files.createDirectories(REPORT.getParent());
        Files.deleteIfExists(SERVER_LOG);
        Map<String, String> env = new HashMap<>(TestServer.LIFECYCLE_OFF);
        env.put("OMNICHAT_DATA_DIR", dataDir.toString());
        env.put("JWT_SECRET", TestServer.JWT_SECRET);
        env.put("OMNICHAT_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        env.put("PUBLIC_BASE_URL", PUBLIC_BASE_URL);
        for (String limit : List.of("VISITOR_MESSAGES_PER_MINUTE", "VISITOR_MESSAGES_PER_MINUTE_PER_IP",
                "NEW_SOCKET_IDS_PER_HOUR_PER_IP", "WIDGET_SESSIONS_PER_HOUR_PER_IP", "FOLLOWUPS_PER_HOUR")) {
            env.put("OMNICHAT_LIMIT_" + limit, "0");
        }
        report.add("Crash test: " + ROUNDS + " rounds of load, each ended by SIGKILL; random seed " + seed);
        try (FakeTwilio twilio = FakeTwilio.start().account(ACCOUNT, TOKEN)) {
            env.put("TWILIO_API_BASE_URL", twilio.baseUrl());
            try (ServerProcess server = ServerProcess.start(env, dir, SERVER_LOG)) {
                Api api = new Api(server.baseUrl());
                String admin = api.loginAdmin();
                ChannelSettings.set(api, admin, "twilio", Map.of("account_sid", ACCOUNT, "auth_token", TOKEN,
                        "sms_number", NUMBER));
                SignedWebhooks webhooks = new SignedWebhooks(api, PUBLIC_BASE_URL);
                List<String> replyConversations = smsConversations(api, webhooks, admin);
                int resentTotal = 0;
                for (int round = 1; round <= ROUNDS; round++) {
                    Counts before = Counts.of(this);
                    long loadMillis = 800 + random.nextInt(2200);
                    runLoadThenKill(server, api, webhooks, admin, replyConversations, round, loadMillis);
                    Counts acked = Counts.of(this).minus(before);
                    collect(twilio);
                    int notYetSent = (int) staffReplies.stream().filter(text -> !reachedTwilio.containsKey(text)).count();

                    server.restart();

                    checkStoredExactlyOnce(dataDir);
                    checkSeqs(dataDir);
                    awaitOutboxDrained(dataDir, twilio);
                    int resent = checkEveryReplyReachedTwilio();
                    resentTotal = resent;
                    assertThat(resent).as("resends after %d kills (at least once, one part in flight per kill)", round)
                            .isLessThanOrEqualTo(round);
                    report.add(String.format("round %d: killed after %d ms of load; acknowledged %d visitor messages, "
                                    + "%d staff replies, %d followups, %d inbound SMS; %d acknowledged SMS replies "
                                    + "not yet at Twilio when killed, all sent after the restart; resends so far %d",
                            round, loadMillis, acked.visitorMessages, acked.staffReplies, acked.followups,
                            acked.inboundSms, notYetSent, resent));
                }
                assertThat(refusals).as("valid requests refused under load").isEmpty();
                report.add(String.format("total acknowledged and found exactly once: %d visitor messages, "
                                + "%d staff replies (each one outbox row, each at Twilio), %d followups, %d inbound SMS; "
                                + "duplicate seqs 0; SMS sent twice because a kill fell mid-send: %d",
                        visitorMessages.size(), staffReplies.size(), followups.size(), inboundSms.size(), resentTotal));
                assertThat(visitorMessages.size() + staffReplies.size() + followups.size() + inboundSms.size())
                        .as("the load reached the server").isGreaterThan(ROUNDS * 4);
            }
        } finally {
            Files.write(REPORT, report, StandardCharsets.UTF_8);
            report.forEach(System.out::println);
        }
    }

    /** Conversations on the SMS channel that staff replies go to, so every reply passes through the outbox. */
    private static List<String> smsConversations(Api api, SignedWebhooks webhooks, String admin) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= REPLY_CONTACTS; i++) {
            String contact = "+1555999000" + i;
            assertThat(webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "hello", String.format("SM%032d", i)))
                    .status()).isEqualTo(200);
            JsonNode found = api.get("/api/v1/conversations?q=555999000" + i, admin).body().get("data");
            assertThat(found).hasSize(1);
            ids.add(found.get(0).get("id").asText());
        }
        return ids;
    }

    private void runLoadThenKill(ServerProcess server, Api api, SignedWebhooks webhooks, String admin,
                                 List<String> replyConversations, int round, long loadMillis) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> load = List.of(
                worker(killed, visitorMessages, n -> {
                    String text = "visitor r" + round + " n" + n;
                    return new Sent(text, api.post("/webchat", null, Map.of("user_id", "crash-visitor-" + n % 20,
                            "text", text)));
                }),
                worker(killed, staffReplies, n -> {
                    String text = "staff r" + round + " n" + n;
                    String conversation = replyConversations.get(n % replyConversations.size());
                    return new Sent(text, api.post("/api/v1/conversations/" + conversation + "/messages", admin,
                            Map.of("client_id", "crash-r" + round + "-" + n, "text", text)));
                }),
                worker(killed, followups, n -> {
                    String text = "followup r" + round + " n" + n;
                    return new Sent(text, api.post("/followup", null, Map.of("user_id", "crash-f-" + round + "-" + n,
                            "email", "f" + n + "@example.com", "message", text)));
                }),
                worker(killed, inboundSms, n -> {
                    String text = "sms r" + round + " n" + n;
                    return new Sent(text, webhooks.twilio("/sms", TOKEN, sms(String.format("+1555888%04d", n % 40),
                            NUMBER, text, String.format("SM%02d%030d", round, n))));
                }));
        load.forEach(Thread::start);
        Thread.sleep(loadMillis);
        server.kill();
        killed.set(true);
        for (Thread thread : load) {
            thread.join(30_000);
            assertThat(thread.isAlive()).as("a load thread stops after the kill").isFalse();
        }
    }

    private record Sent(String key, Api.Reply reply) {
    }

    /** Sends one request after another until the server is killed; keeps the keys of those answered 2xx. */
    private Thread worker(AtomicBoolean killed, Queue<String> acknowledged, IntFunction<Sent> request) {
        return new Thread(() -> {
            AtomicInteger n = new AtomicInteger();
            while (!killed.get()) {
                try {
                    Sent sent = request.apply(n.getAndIncrement());
                    int status = sent.reply().status();
                    if (status >= 200 && status < 300) {
                        acknowledged.add(sent.key());
                    } else {
                        refusals.add(status + " for " + sent.key() + ": " + sent.reply().text());
                    }
                } catch (RuntimeException connectionLost) {
                    // The kill cut this request off: not acknowledged, so it may or may not have been stored.
                }
            }
        }, "crash-load");
    }

    /** Every acknowledged request is stored exactly once; nothing sent (acknowledged or not) is stored twice. */
    private void checkStoredExactlyOnce(Path dataDir) throws Exception {
        try (Connection c = open(dataDir)) {
            assertExactlyOnce("visitor message", visitorMessages,
                    counts(c, "SELECT text, COUNT(*) FROM messages WHERE sender = 'user' AND text LIKE 'visitor r%' GROUP BY text"));
            assertExactlyOnce("staff reply", staffReplies,
                    counts(c, "SELECT text, COUNT(*) FROM messages WHERE sender = 'staff' AND text LIKE 'staff r%' GROUP BY text"));
            assertExactlyOnce("outbox entry of a staff reply", staffReplies,
                    counts(c, "SELECT m.text, COUNT(*) FROM delivery_outbox o JOIN messages m ON m.id = o.message_id "
                            + "WHERE m.text LIKE 'staff r%' GROUP BY o.message_id, o.part"));
            assertExactlyOnce("followup", followups,
                    counts(c, "SELECT message, COUNT(*) FROM followups WHERE message LIKE 'followup r%' GROUP BY message"));
            assertExactlyOnce("inbound SMS", inboundSms,
                    counts(c, "SELECT text, COUNT(*) FROM messages WHERE sender = 'user' AND text LIKE 'sms r%' GROUP BY text"));
        }
    }

    private static void assertExactlyOnce(String what, Queue<String> acknowledged, Map<String, Integer> stored) {
        for (String key : acknowledged) {
            assertThat(stored.getOrDefault(key, 0)).as("acknowledged %s '%s' stored", what, key).isEqualTo(1);
        }
        stored.forEach((key, count) -> assertThat(count).as("%s '%s' stored", what, key).isEqualTo(1));
    }

    /** No tenant has a seq twice, and each tenant's counter is past every seq it handed out. */
    private static void checkSeqs(Path dataDir) throws Exception {
        try (Connection c = open(dataDir)) {
            for (String table : List.of("messages", "stream_events")) {
                assertThat(counts(c, "SELECT tenant_id || ':' || seq, COUNT(*) FROM " + table
                        + " GROUP BY tenant_id, seq HAVING COUNT(*) > 1")).as("duplicate seqs in " + table).isEmpty();
                assertThat(counts(c, "SELECT t.id, 1 FROM tenants t WHERE t.last_seq < (SELECT COALESCE(MAX(seq), 0) FROM "
                        + table + " x WHERE x.tenant_id = t.id)")).as("a tenant counter behind " + table).isEmpty();
            }
        }
    }

    /** The outbox resumes after the restart: nothing stays pending, nothing fails. */
    private void awaitOutboxDrained(Path dataDir, FakeTwilio twilio) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        Map<String, Integer> states = Map.of();
        while (System.nanoTime() < deadline) {
            try (Connection c = open(dataDir)) {
                states = counts(c, "SELECT state, COUNT(*) FROM delivery_outbox GROUP BY state");
            }
            if (!states.containsKey("pending")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(states).as("outbox rows by state").doesNotContainKeys("pending", "failed");
        collect(twilio);
    }

    /** Every acknowledged reply reached Twilio; returns how many reached it more than once. */
    private int checkEveryReplyReachedTwilio() {
        for (String text : staffReplies) {
            assertThat(reachedTwilio.getOrDefault(text, 0)).as("'%s' sent to Twilio", text).isGreaterThanOrEqualTo(1);
        }
        return (int) reachedTwilio.values().stream().filter(count -> count > 1).count();
    }

    private void collect(FakeTwilio twilio) {
        while (twilio.waiting() > 0) {
            FakeTwilio.Request request = twilio.next();
            assertThat(request.password()).as("Twilio auth token after a restart").isEqualTo(TOKEN);
            reachedTwilio.merge(request.form().get("Body"), 1, Integer::sum);
        }
    }

    private static Connection open(Path dataDir) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("omnichat.db"));
    }

    private static Map<String, Integer> counts(Connection c, String sql) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.merge(rs.getString(1), rs.getInt(2), Integer::sum);
            }
        }
        return counts;
    }

    private record Counts(int visitorMessages, int staffReplies, int followups, int inboundSms) {
        static Counts of(KillNineUnderLoadTest test) {
            return new Counts(test.visitorMessages.size(), test.staffReplies.size(), test.followups.size(),
                    test.inboundSms.size());
        }

        Counts minus(Counts other) {
            return new Counts(visitorMessages - other.visitorMessages, staffReplies - other.staffReplies,
                    followups - other.followups, inboundSms - other.inboundSms);
        }
    }
}
