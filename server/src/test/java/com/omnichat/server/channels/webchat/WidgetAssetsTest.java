package com.omnichat.server.channels.webchat;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class WidgetAssetsTest {
    private static final int BUDGET_BYTES = 15 * 1024;

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void widgetScriptIsCachedAndRevalidatedByEtag() {
        Api.Reply first = api.get("/widget.js", null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith("text/javascript");
        assertThat(first.header("Cache-Control")).contains("public").contains("max-age=");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();

        Api.Reply again = api.raw("GET", "/widget.js", null, null, null, Map.of("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.text()).isEmpty();
    }

    @Test
    void demoPageEmbedsTheWidgetWithTheDefaultTenantsSiteKey() {
        String siteKey = server.server().bootstrap().orElseThrow().siteKey();
        Api.Reply demo = api.get("/widget-demo", null);
        assertThat(demo.status()).isEqualTo(200);
        assertThat(demo.header("Content-Type")).startsWith("text/html");
        assertThat(demo.text()).contains("<script src=\"/widget.js\" data-site-key=\"" + siteKey + "\"");
    }

    @Test
    void widgetStaysUnderFifteenKilobytesGzipped() throws IOException {
        byte[] script;
        try (InputStream in = WidgetAssetsTest.class.getResourceAsStream("/omnichat-widget/widget.js")) {
            script = in.readAllBytes();
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(script);
        }
        assertThat(zipped.size()).as("widget.js gzipped").isLessThan(BUDGET_BYTES);
    }
}
