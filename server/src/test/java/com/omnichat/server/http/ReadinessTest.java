package com.omnichat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The probes an orchestrator reads: live while the process answers, ready only while the database takes writes. */
class ReadinessTest {
    private TestServer server;
    private Api api;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aHealthyServerIsLiveAndReadyWithEachCheckNamed() {
        Api.Reply live = api.get("/health/live", null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body().get("status").asText()).isEqualTo("live");
        Api.Reply ready = api.get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().get("status").asText()).isEqualTo("ready");
        assertThat(ready.body().has("failing")).isFalse();
        assertThat(ready.body().at("/checks/database/status").asText()).isEqualTo("ok");
        assertThat(ready.body().at("/checks/migrations/status").asText()).isEqualTo("ok");
        assertThat(ready.body().at("/checks/migrations/version").asText()).matches("\\d+(\\.\\d+)*");
        assertThat(ready.body().at("/checks/bus/status").asText()).isEqualTo("not_configured");
    }

    @Test
    void whileAnotherProcessHoldsTheWriteLockTheServerIsNotReadyAndSaysTheDatabaseIsWhy() throws Exception {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             Statement statement = other.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            statement.execute("BEGIN IMMEDIATE");
            try {
                Api.Reply blocked = api.get("/health/ready", null);
                assertThat(blocked.status()).isEqualTo(503);
                JsonNode body = blocked.body();
                assertThat(body.get("status").asText()).isEqualTo("not_ready");
                assertThat(body.get("failing")).hasSize(1);
                assertThat(body.get("failing").get(0).asText()).isEqualTo("database");
                assertThat(body.at("/checks/database/status").asText()).isEqualTo("failing");
                assertThat(body.at("/checks/database/detail").asText()).contains("not writable");
                assertThat(body.at("/checks/migrations/status").asText()).isEqualTo("ok");
                assertThat(api.get("/health/live", null).status()).as("still live: restarting would not help")
                        .isEqualTo(200);
            } finally {
                statement.execute("ROLLBACK");
            }
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        int status = api.get("/health/ready", null).status();
        while (status != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            status = api.get("/health/ready", null).status();
        }
        assertThat(status).as("ready again once the lock is gone").isEqualTo(200);
    }
}
