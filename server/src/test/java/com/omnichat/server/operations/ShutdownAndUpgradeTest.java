package com.omnichat.server.operations;

import com.omnichat.server.Services;
import com.omnichat.server.config.ConfigLoader;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChildServer;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;
import com.omnichat.server.support.VisitorLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What systemd's stop and a package upgrade or downgrade do to a server running in its own process. */
class ShutdownAndUpgradeTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    @Test
    void sigtermUnderLoadTellsEverySocket1001ExitsAndLosesNoAcknowledgedMessage() {
        Path dataDir = temp.resolve("data");
        List<VisitorLoad.Ack> acknowledged;
        List<String> visitors;
        int exitStatus;
        try (ChildServer server = ChildServer.start(dataDir, Map.of("OMNICHAT_TRUST_PROXY", "true"))) {
            Api api = server.api();
            String admin = api.login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
            TestSocket staffStream = TestSocket.open(server.wsUrl("/api/v1/stream"), Map.of("Authorization", "Bearer " + admin));
            staffStream.send(Map.of("type", "hello", "data", Map.of()));
            staffStream.nextOfType("ready");
            Api.Reply session = api.post("/api/v1/widget/sessions", null, Map.of("site_key", server.siteKey()));
            TestSocket visitorStream = TestSocket.open(server.wsUrl("/api/v1/widget/stream"));
            visitorStream.send(Map.of("type", "hello", "data", Map.of(
                    "visitor_id", session.body().get("visitor_id").asText(),
                    "visitor_secret", session.body().get("visitor_secret").asText())));
            visitorStream.nextOfType("ready");
            TestSocket adminWs = TestSocket.open(server.wsUrl("/admin-ws?token=" + admin));
            TestSocket legacyVisitor = TestSocket.open(server.wsUrl("/ws/legacy-visitor-1"));
            legacyVisitor.send(Map.of("type", "stop_typing"));
            adminWs.nextMatching(f -> f.path("type").asText().equals("stop_typing")
                    && f.path("user_id").asText().equals("legacy-visitor-1"));

            try (VisitorLoad load = new VisitorLoad(api, server.siteKey(), 16).start()) {
                load.awaitAcks(40, LIMIT);
                server.terminate();

                Map<String, Integer> closeCodes = new HashMap<>();
                closeCodes.put("/api/v1/stream", staffStream.awaitClose());
                closeCodes.put("/api/v1/widget/stream", visitorStream.awaitClose());
                closeCodes.put("/admin-ws", adminWs.awaitClose());
                closeCodes.put("/ws/{user_id}", legacyVisitor.awaitClose());
                assertThat(closeCodes).as("every socket is told the server is going away")
                        .containsExactlyInAnyOrderEntriesOf(Map.of("/api/v1/stream", 1001,
                                "/api/v1/widget/stream", 1001, "/admin-ws", 1001, "/ws/{user_id}", 1001));
                exitStatus = server.awaitExit(LIMIT);
                load.close();
                acknowledged = load.acknowledged();
                visitors = load.visitorAuths();
            }
            assertThat(server.output()).doesNotContain("halting");
        }
        // 143 = 128 + SIGTERM: the JVM's exit after its shutdown hook ran, what the unit's SuccessExitStatus expects.
        assertThat(exitStatus).isEqualTo(143);

        try (RunningServer restarted = RunningServer.on(dataDir)) {
            assertThat(restarted.messageIdsOf(visitors))
                    .containsAll(acknowledged.stream().map(VisitorLoad.Ack::messageId).toList());
        }
    }

    @Test
    void aServerRefusesToStartOnASchemaNewerThanItKnowsNamingBothVersions() throws Exception {
        Path dataDir = temp.resolve("data");
        Map<String, String> env = Map.of("OMNICHAT_DATA_DIR", dataDir.toString(), "JWT_SECRET", TestServer.JWT_SECRET);
        String newestKnown;
        try (Services services = Services.open(new ConfigLoader(env, null).load())) {
            newestKnown = services.db().read(connection -> {
                try (ResultSet newest = connection.createStatement().executeQuery(
                        "SELECT version FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1")) {
                    newest.next();
                    return newest.getString(1);
                }
            });
        }
        // What a later release would have left behind: one more applied migration this code has no script for.
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("omnichat.db"));
             Statement insert = db.createStatement()) {
            insert.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '999',"
                    + " 'from a later release', 'SQL', 'V999__from_a_later_release.sql', 0, 'test', 1, 1"
                    + " FROM flyway_schema_history");
        }

        try (ChildServer server = ChildServer.launch(dataDir, Map.of())) {
            int status = server.awaitExit(LIMIT);

            assertThat(status).isEqualTo(1);
            assertThat(server.output())
                    .contains("The database schema is at version 999, but this Omnichat knows migrations only up to"
                            + " version " + newestKnown)
                    .contains("Refusing to start")
                    .doesNotContain("is running at")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefused() {
        try (TestServer first = TestServer.start();
             ChildServer second = ChildServer.launch(first.dataDir(), Map.of())) {
            assertThat(second.awaitExit(LIMIT)).isEqualTo(1);
            assertThat(second.output()).contains("An Omnichat server is using the data directory " + first.dataDir());
            assertThat(first.api().get("/health", null).status()).isEqualTo(200);
        }
    }
}
