package com.omnichat.server.config;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tenant defaults and provider endpoints of PROTOCOL.md part E: defaults, validation, secrets kept out of logs. */
class ChannelEnvironmentTest {
    private static final String GOOD_SECRET = "a-secret-that-is-at-least-thirty-two-bytes-long";

    private static ServerConfig load(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("JWT_SECRET", GOOD_SECRET);
        return new ConfigLoader(env, null).load();
    }

    @Test
    void defaultsFollowTheProtocol() {
        ServerConfig config = load(Map.of());
        assertThat(config.tenantDefaults()).isEqualTo(TenantDefaults.protocolDefaults());
        assertThat(config.tenantDefaults().patienceSeconds()).isEqualTo(30);
        assertThat(config.tenantDefaults().escalateAfterSeconds()).isEqualTo(300);
        assertThat(config.providers()).isEqualTo(ProviderEndpoints.standard());
        assertThat(config.providers().fbGraphVersion()).isEqualTo("v25.0");
        assertThat(config.providers().twilioApiBaseUrl()).isEqualTo("https://api.twilio.com");
    }

    @Test
    void valuesAreReadAndSecretsNeverPrinted() {
        ServerConfig config = load(Map.of("PUBLIC_BASE_URL", "https://chat.example.com",
                "TWILIO_ACCOUNT_SID", "AC0123", "TWILIO_AUTH_TOKEN", "twilio-secret-value",
                "TWILIO_NUMBER", "+15550001000", "TWILIO_WHATSAPP_NUMBER", "whatsapp:+15550002000",
                "FB_APP_SECRET", "fb-secret-value", "EXPO_ACCESS_TOKEN", "expo-secret-value",
                "TWILIO_API_BASE_URL", "http://127.0.0.1:9999/", "AUTO_CLOSE_MINUTES", "0", "FB_GRAPH_VERSION", "v19.0"));
        assertThat(config.tenantDefaults().twilioWhatsappNumber()).contains("+15550002000");
        assertThat(config.tenantDefaults().autoCloseMinutes()).isZero();
        assertThat(config.providers().twilioApiBaseUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(config.providers().fbGraphVersion()).isEqualTo("v19.0");
        assertThat(config.toString()).doesNotContain("twilio-secret-value").doesNotContain("fb-secret-value")
                .doesNotContain("expo-secret-value").contains("+15550001000");
    }

    @Test
    void invalidValuesAreRefusedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> load(Map.of("TWILIO_NUMBER", "555-1000"))).hasMessageContaining("TWILIO_NUMBER");
        assertThatThrownBy(() -> load(Map.of("BACKUP_NUMBER", "12"))).hasMessageContaining("BACKUP_NUMBER");
        assertThatThrownBy(() -> load(Map.of("ESCALATE_AFTER_SECONDS", "-1"))).hasMessageContaining("ESCALATE_AFTER_SECONDS");
        assertThatThrownBy(() -> load(Map.of("FB_GRAPH_VERSION", "25"))).hasMessageContaining("FB_GRAPH_VERSION");
        assertThatThrownBy(() -> load(Map.of("EXPO_PUSH_URL", "exp.host/push"))).hasMessageContaining("EXPO_PUSH_URL");
        assertThatThrownBy(() -> load(Map.of("PUBLIC_BASE_URL", "https://x.example", "TWILIO_AUTH_TOKEN", "has space secret")))
                .hasMessageContaining("TWILIO_AUTH_TOKEN").hasMessageNotContaining("space secret");
    }

    @Test
    void credentialsRequireAPublicBaseUrl() {
        assertThatThrownBy(() -> load(Map.of("TWILIO_AUTH_TOKEN", "twilio-secret-value")))
                .hasMessageContaining("PUBLIC_BASE_URL is required");
        assertThatThrownBy(() -> load(Map.of("FB_VERIFY_TOKEN", "verify"))).hasMessageContaining("PUBLIC_BASE_URL");
        assertThat(load(Map.of("TWILIO_NUMBER", "+15550001000")).tenantDefaults().twilioNumber()).contains("+15550001000");
    }
}
