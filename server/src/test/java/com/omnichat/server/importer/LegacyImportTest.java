package com.omnichat.server.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.cli.OmnichatCommand;
import com.omnichat.server.config.ConfigLoader;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code import-legacy-db} run as an operator would, with the server stopped, on old databases built by the test;
 * the result is read back through the legacy API of the restarted server.
 */
class LegacyImportTest {
    private static TestServer server;
    private static Api api;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Run(int exitCode, String out, String err) {
        int count(String table, String what) {
            Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(table) + "\\s+imported (\\d+), skipped (\\d+)")
                    .matcher(out);
            assertThat(matcher.find()).as("'%s' in:%n%s", table, out).isTrue();
            return Integer.parseInt(matcher.group(what.equals("imported") ? 1 : 2));
        }
    }

    private static Run run(String... args) {
        Map<String, String> env = Map.of("OMNICHAT_DATA_DIR", server.dataDir().toString(),
                "JWT_SECRET", TestServer.JWT_SECRET);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OmnichatCommand.commandLine(() -> new ConfigLoader(env, null).load());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run offline(String... args) {
        List<Run> runs = new ArrayList<>();
        server.whileStopped(() -> runs.add(run(args)));
        return runs.get(0);
    }

    @Test
    void importsEveryVariantOnceAndTheLegacyApiAnswersForIt() throws Exception {
        Path newer = LegacyFixture.newer(dir);
        Path older = LegacyFixture.older(dir);
        String newerHash = sha256(newer);
        String olderHash = sha256(older);
        Map<String, Long> before = snapshot();

        Run dry = offline("import-legacy-db", newer.toString(), "--tenant", "1", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Dry run (nothing written)");
        assertThat(dry.count("messages", "imported")).isEqualTo(8);
        assertThat(snapshot()).as("a dry run writes nothing").isEqualTo(before);

        Run real = offline("import-legacy-db", newer.toString(), "--tenant", "1");
        assertThat(real.exitCode()).as(real.err()).isZero();
        assertThat(real.out().replace("Imported ", "")).as("the dry run reported the same")
                .isEqualTo(dry.out().replace("Dry run (nothing written): ", "").replace(" (dry run, nothing written)", ""));
        assertThat(real.count("users", "imported")).isEqualTo(1);
        assertThat(real.count("users", "skipped")).isEqualTo(2);
        assertThat(real.out()).contains("email already exists: admin@dwc.com", "unparseable timestamp");
        assertThat(real.count("conversations", "imported")).isEqualTo(3);
        assertThat(real.out()).contains("duplicate row merged into the same conversation");
        assertThat(real.count("conversations (from messages only)", "imported")).isEqualTo(1);
        assertThat(real.count("messages", "imported")).isEqualTo(8);
        assertThat(real.count("messages", "skipped")).isEqualTo(2);
        assertThat(real.out()).contains("skipped 1: no user_id");
        assertThat(real.count("followups", "imported")).isEqualTo(2);
        assertThat(real.count("history", "imported")).isEqualTo(1);
        assertThat(real.count("events", "imported")).isEqualTo(1);
        assertThat(real.out()).contains("table conversation_metrics", "column conversations.resolved: not mapped",
                "table tenants (1 rows): everything is imported into tenant 1", "Total imported: 17");

        Run olderRun = offline("import-legacy-db", older.toString(), "--tenant", "1");
        assertThat(olderRun.exitCode()).as(olderRun.err()).isZero();
        assertThat(olderRun.out()).contains("Total imported: 4", "table users: absent",
                "column conversations.final_sent: absent, default used");

        Map<String, Long> afterFirst = snapshot();
        Run again = offline("import-legacy-db", newer.toString(), "--tenant", "1");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("Total imported: 0");
        assertThat(again.count("messages", "skipped")).isEqualTo(10);
        assertThat(offline("import-legacy-db", older.toString(), "--tenant", "1").out()).contains("Total imported: 0");
        assertThat(snapshot()).as("a second run imports nothing").isEqualTo(afterFirst);

        assertThat(sha256(newer)).isEqualTo(newerHash);
        assertThat(sha256(older)).isEqualTo(olderHash);

        String token = api.loginAdmin();
        JsonNode a = messages(token, "visitor-a", "webchat");
        assertThat(texts(a)).containsExactly("hello", "Connecting you", "hi, Ann here", "thanks");
        assertThat(a.get("messages").get(0).get("ts").asText()).isEqualTo("2024-03-01T10:00:00.000000Z");
        JsonNode aRow = a.get("conversation");
        assertThat(aRow.get("message_count").asInt()).isEqualTo(4);
        assertThat(aRow.get("open").asInt()).isEqualTo(1);
        assertThat(aRow.get("final_sent").asInt()).isEqualTo(1);
        assertThat(aRow.get("patience_sent").asInt()).isEqualTo(1);
        assertThat(aRow.get("assigned_staff").asText()).isEqualTo("Ann Old");
        assertThat(aRow.get("created_at").asText()).isEqualTo("2024-03-01T10:00:00.000000Z");
        assertThat(aRow.get("updated_at").asText()).isEqualTo("2024-03-01T10:05:00.123456Z");
        assertThat(aRow.get("preview").asText()).isEqualTo("user: thanks | staff: hi, Ann here | system: Connecting you");

        JsonNode sms = messages(token, "+15551234567", "sms");
        assertThat(texts(sms)).containsExactly("need help", "done");
        assertThat(sms.get("conversation").get("open").asInt()).isZero();
        assertThat(sms.get("conversation").get("closed_at").asText()).isEqualTo("2024-02-01T09:30:00.000000Z");

        JsonNode orphan = messages(token, "visitor-orphan", "webchat");
        assertThat(texts(orphan)).containsExactly("anyone?", "hello?");
        assertThat(orphan.get("conversation").get("message_count").asInt()).isEqualTo(2);
        assertThat(orphan.get("conversation").get("open").asInt()).isZero();
        assertThat(orphan.get("conversation").get("created_at").asText()).isEqualTo("2024-01-15T12:00:00.000000Z");

        JsonNode empty = messages(token, "visitor-empty", "webchat");
        assertThat(texts(empty)).isEmpty();
        assertThat(empty.get("conversation").get("message_count").asInt()).isZero();
        assertThat(empty.get("conversation").get("preview").asText()).isEqualTo("No messages yet");

        JsonNode b = messages(token, "visitor-b", "webchat");
        assertThat(texts(b)).containsExactly("old hello", "old reply");
        assertThat(b.get("conversation").get("final_sent").asInt()).isZero();

        assertThat(userIds(api.get("/admin/api/convos", token).body()))
                .contains("visitor-a", "visitor-empty", "visitor-b").doesNotContain("visitor-orphan", "+15551234567");
        assertThat(userIds(api.get("/admin/api/conversations?status=closed", token).body()))
                .contains("visitor-orphan", "+15551234567");

        assertThat(rows("SELECT external_id, name, email, phone, viewed, created_at FROM followups "
                + "WHERE archived_at IS NULL ORDER BY created_at"))
                .contains(List.of("visitor-b", "Bea", "bea@example.com", "+15550001111", "0", "1683263220250000"),
                        List.of("visitor-orphan", "Otto", "null", "+15559998888", "0", "1705320120000000"),
                        List.of("visitor-a", "Alice", "alice@example.com", "null", "1", "1709287380000000"));
        assertThat(count("SELECT COUNT(*) FROM followups f JOIN conversations c ON c.id = f.conversation_id "
                + "WHERE c.external_id IN ('visitor-a', 'visitor-b', 'visitor-orphan')")).isEqualTo(3);
        assertThat(rows("SELECT external_id, email, phone, created_at, archived_at FROM followups "
                + "WHERE archived_at IS NOT NULL"))
                .contains(List.of("visitor-gone", "hal@example.com", "null", "1701417600000000", "1703062800000000"));
        assertThat(count("SELECT COUNT(*) FROM audit_events WHERE type = 'legacy.escalated'")).isEqualTo(1);

        api.login("ann@old.example", LegacyFixture.ANN_PASSWORD);
    }

    @Test
    void badInputIsRefusedWithAReasonAndWritesNothing() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.sqlite"), "these are not the tables you are looking for\n".repeat(200));
        Path newer = LegacyFixture.newer(dir);
        Map<String, Long> before = snapshot();

        Run notSqlite = offline("import-legacy-db", text.toString(), "--tenant", "1");
        assertThat(notSqlite.exitCode()).isEqualTo(1);
        assertThat(notSqlite.err()).contains("Not a readable SQLite database");

        Run missing = offline("import-legacy-db", dir.resolve("nope.sqlite").toString(), "--tenant", "1");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("No such file");

        Run unknownTenant = offline("import-legacy-db", newer.toString(), "--tenant", "999");
        assertThat(unknownTenant.exitCode()).isEqualTo(1);
        assertThat(unknownTenant.err()).contains("Tenant 999 not found");

        assertThat(snapshot()).isEqualTo(before);
    }

    private static JsonNode messages(String token, String userId, String channel) {
        Api.Reply reply = api.get("/admin/api/messages/" + userId + "/" + channel, token);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("conversation").isNull()).as("conversation of %s", userId).isFalse();
        return reply.body();
    }

    private static List<String> texts(JsonNode body) {
        List<String> texts = new ArrayList<>();
        body.get("messages").forEach(m -> texts.add(m.get("text").asText()));
        return texts;
    }

    private static List<String> userIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("conversations").forEach(row -> ids.add(row.get("user_id").asText()));
        return ids;
    }

    /** Row counts of every table an import writes, and the tenants' event counters. */
    private static Map<String, Long> snapshot() throws Exception {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : List.of("users", "conversations", "messages", "followups", "audit_events",
                "legacy_imports")) {
            counts.put(table, count("SELECT COUNT(*) FROM " + table));
        }
        counts.put("last_seq", count("SELECT SUM(last_seq) FROM tenants"));
        return counts;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<List<String>> rows(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
