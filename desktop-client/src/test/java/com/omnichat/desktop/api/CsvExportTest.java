package com.omnichat.desktop.api;

import com.omnichat.protocol.JsonMapperFactory;
import com.omnichat.server.support.TestServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CSV export streamed to a file against a real server: the server's bytes, counted rows, nothing left behind. */
class CsvExportTest {
    private TestServer server;
    private HttpJson api;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server = TestServer.start();
        var json = JsonMapperFactory.create();
        OkHttpClient http = new OkHttpClient();
        String token = RestClient.login(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD, http,
                json);
        api = new HttpJson(server.baseUrl(), token, http, json);
        var conversations = server.server().conversations();
        conversations.receiveFromContact(1, "sms", "+15550001111", "Hello, is anyone there?", "SM1");
        conversations.receiveFromContact(1, "sms", "+15550001111", "He said \"wait\"\r\nthen left", "SM2");
        conversations.receiveFromContact(1, "sms", "+15550002222", "=1+1 is not a formula here", "SM3");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void writesTheServersCsvAndCountsRowsAcrossQuotedLineBreaks() throws IOException {
        Path target = dir.resolve("messages.csv");
        List<long[]> updates = new ArrayList<>();

        CsvExport.Result result = new CsvExport("messages", TimeRange.ALL, target,
                (bytes, total, rows) -> updates.add(new long[]{bytes, total, rows})).run(api);

        String expected = server.api().get("/api/v1/exports/messages?format=csv", "Bearer " + api.token()).text();
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(expected).startsWith("conversation_id,channel,external_id,seq,created_at,sender,author_name,text,")
                .contains("\"He said \"\"wait\"\"\r\nthen left\"");
        long messages = 0;
        for (var c : server.api().get("/api/v1/conversations", "Bearer " + api.token()).body().path("data")) {
            messages += c.path("message_count").asLong();
        }
        assertThat(messages).as("the three texts and the server's own replies").isGreaterThanOrEqualTo(3);
        assertThat(result.rows()).isEqualTo(messages);
        assertThat(result.bytes()).isEqualTo(Files.size(target));
        assertThat(updates).isNotEmpty();
        long[] last = updates.get(updates.size() - 1);
        assertThat(last[0]).isEqualTo(Files.size(target));
        // Jetty sends a small export with its length, a large one chunked without.
        assertThat(last[1]).isIn(-1L, Files.size(target));
        assertThat(last[2]).isEqualTo(messages);
        assertThat(Files.exists(dir.resolve("messages.csv.part"))).isFalse();
    }

    @Test
    void aRefusedExportLeavesTheOldFileAndNoPartialOne() throws IOException {
        Path target = dir.resolve("conversations.csv");
        Files.writeString(target, "kept");
        Instant now = Instant.now();

        assertThatThrownBy(() -> new CsvExport("conversations", new TimeRange(now, now.minusSeconds(60)), target,
                (bytes, total, rows) -> { }).run(api))
                .isInstanceOfSatisfying(ApiFailure.class, failure -> {
                    assertThat(failure.status()).isEqualTo(422);
                    assertThat(failure.getMessage()).isNotBlank();
                });

        assertThat(Files.readString(target)).isEqualTo("kept");
        assertThat(Files.exists(dir.resolve("conversations.csv.part"))).isFalse();
    }

    @Test
    void cancellingDeletesWhatWasWritten() {
        Path target = dir.resolve("messages.csv");
        CsvExport[] export = new CsvExport[1];
        export[0] = new CsvExport("messages", TimeRange.ALL, target, (bytes, total, rows) -> export[0].cancel());

        assertThatThrownBy(() -> export[0].run(api)).isInstanceOf(CancellationException.class);

        assertThat(Files.exists(target)).isFalse();
        assertThat(Files.exists(dir.resolve("messages.csv.part"))).isFalse();
    }

    @Test
    void recordsAreCountedByLineEndsOutsideQuotes() {
        CsvExport.Records records = new CsvExport.Records();
        byte[] first = "id,text\r\n1,\"a\r\nb\"\r\n2,\"c".getBytes(StandardCharsets.UTF_8);
        byte[] second = "\"\"d\"\r\n".getBytes(StandardCharsets.UTF_8);
        records.scan(first, first.length);
        records.scan(second, second.length);
        assertThat(records.dataRows()).isEqualTo(2);
    }
}
