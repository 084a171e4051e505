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
        Optional<String> jwtSecret,
        Duration tokenTtl,
        Optional<String> publicBaseUrl,
        boolean trustProxy,
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
        Observability observability,
        String version) {

    public static final String SERVER_VERSION = "1.0.0";

    @Override
    public String toString() {
        return "ServerConfig[development=" + development + ", host=" + host + ", port=" + port + ", dataDir=" + dataDir
                + ", publicBaseUrl=" + publicBaseUrl.orElse("-") + ", defaultTenantId=" + defaultTenantId
                + ", tenantDefaults=" + tenantDefaults + ", providers=" + providers + ", observability=" + observability
                + "]";
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(development, host, newPort, dataDir, jwtSecret, tokenTtl, publicBaseUrl, trustProxy,
                platformToken, adminEmail, adminPassword, defaultTenantId, widgetOrigins, adminOrigins,
                maxMessageChars, streamRetentionDays, tenantDefaults, providers, adminAppDir, observability, version);
    }
}
