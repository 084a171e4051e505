package com.omnichat.server.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Streamed CSV and JSON exports (PROTOCOL.md §C.4) hold exactly the tenant's data, safely quoted. */
class ExportTest {
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";

    private TestServer server;
    private Api api;
    private String admin;
    private long tenantId;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        admin = api.loginAdmin();
        tenantId = server.server().bootstrap().orElseThrow().tenantId();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void seed() {
        var conversations = server.server().conversations();
        conversations.receiveFromContact(tenantId, "webchat", "visitor-1", FORMULA, null);
        conversations.receiveFromContact(tenantId, "webchat", "visitor-1", "line one,\r\n\"quoted\" line two", null);
        conversations.receiveFromContact(tenantId, "sms", "+15551234567", "@mention\tand tab", null);
        api.post("/admin/api/send", admin, Map.of("user_id", "visitor-1", "channel", "webchat", "text", "-1 is a reply"));
        api.post("/followup", null, Map.of("user_id", "visitor-1", "name", "+Ann", "email", "ann@example.com",
                "message", "\rcarriage return first"));
        api.post("/followup", null, Map.of("user_id", "visitor-2", "name", "Bob", "phone", "+15550001111"));
        String archiveId = api.get("/api/v1/followups?q=visitor-2", admin).body().at("/data/0/id").asText();
        api.post("/api/v1/followups/" + archiveId + "/archive", admin, Map.of());
    }

    @Test
    void everyKindMatchesTheStoredDataRowForRowInCsvAndJson() throws Exception {
        seed();
        for (String kind : List.of("conversations", "messages", "followups")) {
            Api.Reply json = api.get("/api/v1/exports/" + kind + "?format=json", admin);
            Api.Reply csv = api.get("/api/v1/exports/" + kind + "?format=csv", admin);
            assertThat(json.status()).as(json.text()).isEqualTo(200);
            assertThat(csv.status()).as(csv.text()).isEqualTo(200);
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + kind + "-all-now.csv\"");
            assertThat(json.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + kind + "-all-now.json\"");

            List<List<String>> expected = expectedRows(kind);
            List<String> columns = columns(kind);
            assertThat(json.body()).hasSize(expected.size());
            for (int r = 0; r < expected.size(); r++) {
                JsonNode row = json.body().get(r);
                List<String> keys = new ArrayList<>();
                row.fieldNames().forEachRemaining(keys::add);
                assertThat(keys).isEqualTo(columns);
                List<String> values = new ArrayList<>();
                columns.forEach(column -> values.add(row.get(column).isNull() ? null : row.get(column).asText()));
                assertThat(values).as(kind + " row " + r).isEqualTo(expected.get(r));
            }

            assertThat(csv.text()).endsWith("\r\n");
            List<List<String>> cells = parseCsv(csv.text());
            assertThat(cells.get(0)).isEqualTo(columns);
            assertThat(cells).hasSize(expected.size() + 1);
            for (int r = 0; r < expected.size(); r++) {
                List<String> neutralised = expected.get(r).stream().map(ExportTest::neutralised).toList();
                assertThat(cells.get(r + 1)).as(kind + " csv row " + r).isEqualTo(neutralised);
            }
        }
        String messagesCsv = api.get("/api/v1/exports/messages", admin).text();
        assertThat(messagesCsv).contains("'=HYPERLINK", "'@mention", "'-1 is a reply", "\"line one,\r\n\"\"quoted\"\" line two\"")
                .doesNotContain(",=HYPERLINK");
        assertThat(count("SELECT COUNT(*) FROM audit_events WHERE type = 'history.exported'")).isEqualTo(7);
    }

    @Test
    void filtersByCreationTimeAndChannel() throws Exception {
        seed();
        JsonNode sms = api.get("/api/v1/exports/conversations?format=json&channel=sms", admin).body();
        assertThat(sms).extracting(r -> r.get("external_id").asText()).containsExactly("+15551234567");
        assertThat(api.get("/api/v1/exports/messages?format=json&to=2000-01-01", admin).body()).isEmpty();
        Api.Reply ranged = api.get("/api/v1/exports/followups?format=json&from=2000-01-01&to=2999-01-01", admin);
        assertThat(ranged.body()).hasSize(2);
        assertThat(ranged.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"followups-2000-01-01-2999-01-01.json\"");
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsStreamed() {
        assertThat(api.get("/api/v1/exports/users", admin).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/exports/messages?format=xml", admin).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/exports/messages?from=soon", admin).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/exports/messages?channel=fax", admin).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/exports/messages", null).status()).isEqualTo(401);
    }

    /**
     * A large tenant streams through: 100,000 conversations seeded in one writer transaction, read by the client
     * line by line as the server writes them. (Peak heap is recorded by ExportMemoryBenchmark, not asserted here.)
     */
    @Test
    void aHundredThousandConversationsStreamThrough() throws Exception {
        int rows = 100_000;
        ExportSeed.conversations(server.server().services().db(), tenantId, rows);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/exports/conversations"))
                .header("Authorization", "Bearer " + admin).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).as("streamed, not buffered").isEmpty();
        long lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (lines > 0) {
                    assertThat(line).startsWith("c_seed");
                }
                lines++;
            }
        }
        assertThat(lines).isEqualTo(rows + 1);
    }

    private List<String> columns(String kind) {
        return ExportKind.byPathName(kind).orElseThrow().columns().stream().map(ExportKind.Column::name).toList();
    }

    /** The rows an export must hold, read from the database independently of the export's own query. */
    private List<List<String>> expectedRows(String kind) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        JsonNode conversations = api.get("/api/v1/conversations?limit=200", admin).body().get("data");
        switch (kind) {
            case "conversations" -> {
                List<JsonNode> byCreation = new ArrayList<>();
                conversations.forEach(byCreation::add);
                byCreation.sort(java.util.Comparator.comparing(c -> c.get("created_at").asText()));
                for (JsonNode c : byCreation) {
                    rows.add(java.util.Arrays.asList(c.get("id").asText(), c.get("channel").asText(),
                            c.get("external_id").asText(), c.get("status").asText(), text(c.at("/assignee/name")),
                            text(c.at("/contact/name")), text(c.at("/contact/email")), text(c.at("/contact/phone")),
                            c.get("created_at").asText(), text(c.get("closed_at")), c.get("message_count").asText(),
                            firstResponse(c.get("id").asText())));
                }
            }
            case "messages" -> {
                List<List<String>> all = new ArrayList<>();
                for (JsonNode c : conversations) {
                    for (JsonNode m : api.get("/api/v1/conversations/" + c.get("id").asText() + "/messages", admin)
                            .body().get("data")) {
                        all.add(java.util.Arrays.asList(c.get("id").asText(), c.get("channel").asText(),
                                c.get("external_id").asText(), m.get("seq").asText(), m.get("created_at").asText(),
                                m.get("sender").asText(), text(m.at("/author/name")), m.get("text").asText(),
                                text(m.at("/delivery/status"))));
                    }
                }
                all.sort(java.util.Comparator.comparing(r -> Long.parseLong(r.get(3))));
                rows.addAll(all);
            }
            default -> {
                List<JsonNode> all = new ArrayList<>();
                api.get("/api/v1/followups", admin).body().get("data").forEach(all::add);
                api.get("/api/v1/followups?archived=true", admin).body().get("data").forEach(all::add);
                all.sort(java.util.Comparator.comparing(f -> Long.parseLong(f.get("id").asText())));
                for (JsonNode f : all) {
                    rows.add(java.util.Arrays.asList(f.get("id").asText(), text(f.get("conversation_id")),
                            f.get("channel").asText(), f.get("external_id").asText(), text(f.get("name")),
                            text(f.get("email")), text(f.get("phone")), text(f.get("message")),
                            f.get("created_at").asText(), text(f.get("viewed_at")), text(f.get("archived_at"))));
                }
            }
        }
        return rows;
    }

    private String firstResponse(String publicId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement(
                     "SELECT first_user_message_at, first_staff_reply_at FROM conversations WHERE public_id = ?")) {
            ps.setString(1, publicId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long user = rs.getLong(1);
                long staff = rs.getLong(2);
                if (rs.wasNull()) {
                    return null;
                }
                java.math.BigDecimal seconds = java.math.BigDecimal.valueOf(staff - user, 6).stripTrailingZeros();
                return (seconds.scale() < 0 ? seconds.setScale(0) : seconds).toPlainString();
            }
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    /** What a CSV cell holds for a value: empty for null, a formula-looking text prefixed with an apostrophe. */
    private static String neutralised(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** A strict RFC 4180 reader: every record ends with CRLF; quoted fields may hold commas, quotes and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == '"' && field.length() == 0) {
                i++;
                while (true) {
                    char q = text.charAt(i);
                    if (q == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        field.append(q);
                        i++;
                    }
                }
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                assertThat(ch).as("bare line break outside quotes at " + i).isNotIn('\r', '\n');
                field.append(ch);
                i++;
            }
        }
        assertThat(record).as("last record ends with CRLF").isEmpty();
        return records;
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @SuppressWarnings("unused")
    private static <T> List<T> list(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
