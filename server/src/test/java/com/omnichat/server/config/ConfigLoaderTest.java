package com.omnichat.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final String GOOD_SECRET = "a-secret-that-is-at-least-thirty-two-bytes-long";

    private static ServerConfig load(Map<String, String> env) {
        return new ConfigLoader(env, null).load();
    }

    @Test
    void productionRefusesToStartWithoutAJwtSecret() {
        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("JWT_SECRET is required");
    }

    @Test
    void shortOrWellKnownSecretsAreRefused() {
        assertThatThrownBy(() -> load(Map.of("JWT_SECRET", "short"))).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> load(Map.of("JWT_SECRET", "secret-key"))).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void developmentModeNeedsNoSecretAndKeepsAGeneratedOneOwnerOnly(@TempDir Path dir) throws Exception {
        ServerConfig config = load(Map.of("OMNICHAT_ENV", "development", "OMNICHAT_DATA_DIR", dir.toString()));
        assertThat(config.jwtSecret()).isEmpty();
        String first = DevelopmentSecret.loadOrCreate(dir);
        String second = DevelopmentSecret.loadOrCreate(dir);
        assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt-secret")))).isEqualTo("rw-------");
    }

    @Test
    void operationsSettingsHaveDefaultsAndRefuseNonsenseWithoutEchoingTheToken() {
        ServerConfig defaults = load(Map.of("JWT_SECRET", GOOD_SECRET, "PORT", "8123"));
        assertThat(defaults.observability().logFormat()).isEqualTo(Observability.LogFormat.TEXT);
        assertThat(defaults.observability().logLevel()).isEqualTo("info");
        assertThat(defaults.observability().metricsToken()).isEmpty();
        assertThat(defaults.observability().nodeId()).endsWith(":8123");
        ServerConfig set = load(Map.of("JWT_SECRET", GOOD_SECRET, "OMNICHAT_LOG_FORMAT", "JSON", "OMNICHAT_LOG_LEVEL",
                "Debug", "OMNICHAT_NODE_ID", "chat-2", "OMNICHAT_METRICS_TOKEN", "0123456789abcdef-token"));
        assertThat(set.observability().logFormat()).isEqualTo(Observability.LogFormat.JSON);
        assertThat(set.observability().logLevel()).isEqualTo("debug");
        assertThat(set.observability().nodeId()).isEqualTo("chat-2");
        assertThat(set.toString()).doesNotContain("0123456789abcdef-token");
        assertThatThrownBy(() -> load(Map.of("JWT_SECRET", GOOD_SECRET, "OMNICHAT_LOG_FORMAT", "xml")))
                .hasMessageContaining("OMNICHAT_LOG_FORMAT must be 'text' or 'json'");
        assertThatThrownBy(() -> load(Map.of("JWT_SECRET", GOOD_SECRET, "OMNICHAT_LOG_LEVEL", "loud")))
                .hasMessageContaining("OMNICHAT_LOG_LEVEL must be one of");
        assertThatThrownBy(() -> load(Map.of("JWT_SECRET", GOOD_SECRET, "OMNICHAT_NODE_ID", "two words")))
                .hasMessageContaining("OMNICHAT_NODE_ID");
        assertThatThrownBy(() -> load(Map.of("JWT_SECRET", GOOD_SECRET, "OMNICHAT_METRICS_TOKEN", "short secret")))
                .hasMessageContaining("OMNICHAT_METRICS_TOKEN").message().doesNotContain("short secret");
    }

    @Test
    void invalidValuesGetAClearMessage() {
        assertThatThrownBy(() -> load(Map.of("JWT_SECRET", GOOD_SECRET, "PORT", "eighty")))
                .hasMessageContaining("PORT must be a whole number");
        assertThatThrownBy(() -> load(Map.of("JWT_SECRET", GOOD_SECRET, "OMNICHAT_ADMIN_ORIGINS", "*")))
                .hasMessageContaining("cannot be '*'");
        assertThatThrownBy(() -> load(Map.of("JWT_SECRET", GOOD_SECRET, "PUBLIC_BASE_URL", "not a url")))
                .hasMessageContaining("PUBLIC_BASE_URL");
    }

    @Test
    void trustProxyIsTrueFalseOrTheNumberOfProxiesAndAnythingElseStopsTheStart() {
        Map<String, Integer> accepted = Map.of("true", 1, "false", 0, "0", 0, "1", 1, "2", 2, " 3 ", 3, "ON", 1, "no", 0);
        accepted.forEach((raw, proxies) -> assertThat(load(Map.of("JWT_SECRET", GOOD_SECRET,
                "OMNICHAT_TRUST_PROXY", raw)).trustedProxies()).as(raw).isEqualTo(proxies));
        assertThat(load(Map.of("JWT_SECRET", GOOD_SECRET)).trustedProxies()).isZero();
        for (String wrong : new String[] {"maybe", "-1", "1.5", "11", "2 proxies", "0x2", "yes please"}) {
            assertThatThrownBy(() -> load(Map.of("JWT_SECRET", GOOD_SECRET, "OMNICHAT_TRUST_PROXY", wrong)))
                    .as(wrong).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("OMNICHAT_TRUST_PROXY must be true, false or the number of proxies");
        }
    }

    @Test
    void theEnvironmentWinsOverTheDotEnvFile(@TempDir Path dir) throws Exception {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(dotEnv, "PORT=9001\nOMNICHAT_MAX_MESSAGE_CHARS=\"500\"\n# a comment\n");
        ServerConfig config = new ConfigLoader(Map.of("JWT_SECRET", GOOD_SECRET, "PORT", "9002"), dotEnv).load();
        assertThat(config.port()).isEqualTo(9002);
        assertThat(config.maxMessageChars()).isEqualTo(500);
    }

    @Test
    void secretsNeverAppearInTheConfigDescription() {
        ServerConfig config = load(Map.of("JWT_SECRET", GOOD_SECRET, "OMNICHAT_ADMIN_PASSWORD", "hunter2hunter2"));
        assertThat(config.toString()).doesNotContain(GOOD_SECRET).doesNotContain("hunter2");
    }
}
