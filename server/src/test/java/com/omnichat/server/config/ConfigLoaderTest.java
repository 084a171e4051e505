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
