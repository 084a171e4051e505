package com.omnichat.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the server, read once at start-up (PROTOCOL.md part E). Secrets never appear in toString. */
public record ServerConfig(
        boolean development,
        String host,
        int port,
        Path dataDir,
        Optional<String> databaseUrl,
        Optional<String> jwtSecret,
        Duration tokenTtl,
        Optional<String> publicBaseUrl,
        int trustedProxies,
        Optional<String> platformToken,
        String adminEmail,
        Optional<String> adminPassword,
        long defaultTenantId,
        List<String> widgetOrigins,
        List<String> adminOrigins,
        int maxMessageChars,
        int streamRetentionDays,
        TenantDefaults tenantDefaults,
        ProviderEndpoints providers,
        Optional<Path> adminAppDir,
        VisitorLimitSettings visitorLimits,
        Optional<String> secretsKey,
        Observability observability,
        String version) {

    public static final String SERVER_VERSION = "1.0.0";

    @Override
    public String toString() {
        return "ServerConfig[development=" + development + ", host=" + host + ", port=" + port + ", dataDir=" + dataDir
                + ", publicBaseUrl=" + publicBaseUrl.orElse("-") + ", defaultTenantId=" + defaultTenantId
                + ", tenantDefaults=" + tenantDefaults + ", providers=" + providers + ", visitorLimits=" + visitorLimits
                + ", observability=" + observability
                + "]";
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(development, host, newPort, dataDir, databaseUrl, jwtSecret, tokenTtl, publicBaseUrl,
                trustedProxies,
                platformToken, adminEmail, adminPassword, defaultTenantId, widgetOrigins, adminOrigins,
                maxMessageChars, streamRetentionDays, tenantDefaults, providers, adminAppDir, visitorLimits, secretsKey,
                observability, version);
    }
}
