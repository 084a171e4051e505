package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.cli.OmnichatCommand;
import com.omnichat.server.config.ConfigException;
import com.omnichat.server.config.ConfigLoader;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.ChannelSettings;
import com.omnichat.server.support.FakeTwilio;
import com.omnichat.server.support.SignedWebhooks;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static com.omnichat.server.support.SignedWebhooks.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Channel credentials saved through the settings API are encrypted at rest: a copy of the database file does not
 * reveal them, the server still uses them after a restart, rows from before the change are encrypted at start, and a
 * wrong or lost key stops the start with a message instead of sending with an empty credential.
 */
class CredentialsAtRestTest {
    private static final String PUBLIC_BASE_URL = "https://chat.example.com";
    private static final String ACCOUNT = "AC22222222222222222222222222222222";
    private static final String TOKEN = "twilio-token-7f3a9c1e5b2d";
    private static final String NUMBER = "+15550004000";
    private static final String PAGE_TOKEN = "EAAGpagetoken9d8c7b6a5f4e";
    private static final String APP_SECRET = "appsecret0a1b2c3d4e5f";
    private static final String VERIFY_TOKEN = "verifytoken5e6f7a8b9c";

    @TempDir
    Path dir;
    private FakeTwilio twilio;
    private Map<String, String> env;

    @BeforeEach
    void setUp() {
        twilio = FakeTwilio.start().account(ACCOUNT, TOKEN);
        env = TestServer.withLifecycleOff(Map.of("OMNICHAT_DATA_DIR", dir.toString(),
                "PUBLIC_BASE_URL", PUBLIC_BASE_URL, "TWILIO_API_BASE_URL", twilio.baseUrl()));
    }

    @AfterEach
    void tearDown() {
        twilio.close();
    }

    private static void saveCredentials(Api api, String admin) {
        ChannelSettings.set(api, admin, "twilio", Map.of("account_sid", ACCOUNT, "auth_token", TOKEN,
                "sms_number", NUMBER));
        ChannelSettings.set(api, admin, "messenger", Map.of("page_id", "1234567890", "page_access_token", PAGE_TOKEN,
                "app_secret", APP_SECRET, "verify_token", VERIFY_TOKEN));
    }

    private String storedSettings() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement("SELECT settings FROM tenants WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void storeSettings(String json) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("omnichat.db"));
             PreparedStatement ps = c.prepareStatement("UPDATE tenants SET settings = ? WHERE id = 1")) {
            ps.setString(1, json);
            ps.executeUpdate();
        }
    }

    /** Every byte SQLite keeps for the database: the file and its write-ahead log. */
    private String rawDatabaseBytes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String name : new String[]{"omnichat.db", "omnichat.db-wal", "omnichat.db-journal"}) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                bytes.write(Files.readAllBytes(file));
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static void assertMaskedAsBefore(Api api, String admin) {
        JsonNode settings = api.get("/api/v1/settings", admin).body();
        assertThat(settings.at("/twilio/account_sid").asText()).isEqualTo(ACCOUNT);
        assertThat(settings.at("/twilio/auth_token_set").asBoolean()).isTrue();
        assertThat(settings.at("/twilio/auth_token_hint").asText()).isEqualTo("…" + TOKEN.substring(TOKEN.length() - 4));
        assertThat(settings.at("/messenger/page_access_token_set").asBoolean()).isTrue();
        assertThat(settings.at("/messenger/app_secret_set").asBoolean()).isTrue();
        assertThat(settings.at("/messenger/verify_token_set").asBoolean()).isTrue();
        assertThat(settings.toString()).doesNotContain(TOKEN, PAGE_TOKEN, APP_SECRET, VERIFY_TOKEN, "enc:v1:");
    }

    /** The server verifies an inbound SMS with the token and sends a staff reply to Twilio with it. */
    private void assertTheTwilioTokenStillWorks(Api api, String admin, String contact) {
        SignedWebhooks webhooks = new SignedWebhooks(api, PUBLIC_BASE_URL);
        assertThat(webhooks.twilio("/sms", TOKEN, sms(contact, NUMBER, "still there?", "SM" + contact.substring(1)
                + "0000000000000000000")).status()).isEqualTo(200);
        assertThat(api.post("/admin/api/send", admin, Map.of("user_id", contact, "channel", "sms", "text", "Yes"))
                .status()).isEqualTo(200);
        FakeTwilio.Request sent = twilio.next();
        assertThat(sent.username()).isEqualTo(ACCOUNT);
        assertThat(sent.password()).isEqualTo(TOKEN);
        assertThat(sent.form()).containsEntry("To", contact).containsEntry("Body", "Yes");
    }

    @Test
    void credentialsSavedThroughTheApiAreNotInTheDatabaseFileAndStillWorkAfterARestart() throws Exception {
        try (TestServer server = TestServer.start(env)) {
            Api api = server.api();
            String admin = api.loginAdmin();
            saveCredentials(api, admin);

            String stored = storedSettings();
            assertThat(stored).doesNotContain(TOKEN, PAGE_TOKEN, APP_SECRET, VERIFY_TOKEN).contains("enc:v1:");
            assertThat(stored).contains(ACCOUNT, NUMBER);
            assertThat(rawDatabaseBytes()).doesNotContain(TOKEN, PAGE_TOKEN, APP_SECRET, VERIFY_TOKEN);
            assertMaskedAsBefore(api, admin);

            server.restart();

            admin = api.loginAdmin();
            assertMaskedAsBefore(api, admin);
            assertTheTwilioTokenStillWorks(api, admin, "+15557770001");
            assertThat(api.get("/webhooks/messenger?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN
                    + "&hub.challenge=4242", null).text()).isEqualTo("4242");
            assertThat(rawDatabaseBytes()).doesNotContain(TOKEN, PAGE_TOKEN, APP_SECRET, VERIFY_TOKEN);
        }
    }

    @Test
    void plainCredentialsWrittenBeforeEncryptionAreEncryptedAtStartOnce() throws Exception {
        try (TestServer server = TestServer.start(env)) {
            Api api = server.api();
            String plainRow = "{\"twilio\":{\"account_sid\":\"" + ACCOUNT + "\",\"auth_token\":\"" + TOKEN
                    + "\",\"sms_number\":\"" + NUMBER + "\"},\"messenger\":{\"page_id\":\"1234567890\","
                    + "\"page_access_token\":\"" + PAGE_TOKEN + "\",\"app_secret\":\"" + APP_SECRET
                    + "\",\"verify_token\":\"" + VERIFY_TOKEN + "\"}}";
            server.whileStopped(() -> {
                try {
                    storeSettings(plainRow);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            String migrated = storedSettings();
            assertThat(migrated).doesNotContain(TOKEN, PAGE_TOKEN, APP_SECRET, VERIFY_TOKEN);
            assertThat(migrated.split("enc:v1:", -1)).hasSize(5);
            String admin = api.loginAdmin();
            assertMaskedAsBefore(api, admin);
            assertTheTwilioTokenStillWorks(api, admin, "+15557770002");

            server.restart();

            assertThat(storedSettings()).as("a second start has nothing left to encrypt").isEqualTo(migrated);
        }
    }

    @Test
    void aSecretsKeyThatIsNotThirtyTwoBase64BytesRefusesToStart() {
        for (String bad : new String[]{"not base64!", Base64.getEncoder().encodeToString(new byte[16])}) {
            Map<String, String> config = new HashMap<>(env);
            config.put("JWT_SECRET", TestServer.JWT_SECRET);
            config.put("OMNICHAT_SECRETS_KEY", bad);
            assertThatThrownBy(() -> new ConfigLoader(config, null).load())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("OMNICHAT_SECRETS_KEY must be 32 random bytes")
                    .hasMessageNotContaining(bad);
        }
    }

    @Test
    @Timeout(120)
    void anotherKeyThanTheCredentialsWereEncryptedWithRefusesToStartClearly() throws Exception {
        try (TestServer server = TestServer.start(env)) {
            saveCredentials(server.api(), server.api().loginAdmin());
            server.whileStopped(() -> {
                Run wrongKey = serve(Map.of("OMNICHAT_SECRETS_KEY", randomKey()));
                assertThat(wrongKey.exitCode()).isEqualTo(OmnichatCommand.CONFIG_ERROR);
                assertThat(wrongKey.err()).contains("Cannot decrypt the channel credentials")
                        .contains("OMNICHAT_SECRETS_KEY").doesNotContain(TOKEN);
            });
            assertThat(storedSettings()).doesNotContain(TOKEN);
        }
    }

    @Test
    @Timeout(120)
    void aLostKeyFileRefusesToStartInsteadOfSendingWithoutCredentials() throws Exception {
        try (TestServer server = TestServer.start(env)) {
            saveCredentials(server.api(), server.api().loginAdmin());
            Path keyFile = dir.resolve("secrets.key");
            String key = Files.readString(keyFile);
            server.whileStopped(() -> {
                try {
                    Files.delete(keyFile);
                    Run lost = serve(Map.of());
                    assertThat(lost.exitCode()).isEqualTo(OmnichatCommand.CONFIG_ERROR);
                    assertThat(lost.err()).contains("secrets.key is missing");
                    assertThat(keyFile).as("no new key replaces the lost one").doesNotExist();
                    Files.writeString(keyFile, key);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTheTwilioTokenStillWorks(server.api(), server.api().loginAdmin(), "+15557770003");
        }
    }

    @Test
    void theKeyFromTheEnvironmentIsUsedInsteadOfAFile() throws Exception {
        Map<String, String> withKey = new HashMap<>(env);
        withKey.put("OMNICHAT_SECRETS_KEY", randomKey());
        try (TestServer server = TestServer.start(withKey)) {
            saveCredentials(server.api(), server.api().loginAdmin());
            assertThat(dir.resolve("secrets.key")).doesNotExist();
            assertThat(storedSettings()).doesNotContain(TOKEN).contains("enc:v1:");
            server.restart();
            assertTheTwilioTokenStillWorks(server.api(), server.api().loginAdmin(), "+15557770004");
        }
    }

    private record Run(int exitCode, String err) {
    }

    /** Starts the server the way the operator does, through the command line, with this test's data directory. */
    private Run serve(Map<String, String> extraEnv) {
        Map<String, String> config = new HashMap<>(env);
        config.put("JWT_SECRET", TestServer.JWT_SECRET);
        config.put("OMNICHAT_HOST", "127.0.0.1");
        config.put("PORT", "0");
        config.putAll(extraEnv);
        StringWriter err = new StringWriter();
        CommandLine cli = OmnichatCommand.commandLine(() -> new ConfigLoader(config, null).load());
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute("serve"), err.toString());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
