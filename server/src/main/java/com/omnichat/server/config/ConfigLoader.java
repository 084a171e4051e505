package com.omnichat.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@link ServerConfig} from the environment, a .env file beneath it, and checks every value. */
public final class ConfigLoader {
    /** Far above any sane allowance; a bigger number is more likely a typo than a wish. */
    private static final int MAX_LIMIT = 1_000_000;
    private static final int MAX_TRUSTED_PROXIES = 10;

    private final Map<String, String> values;

    public ConfigLoader(Map<String, String> environment, Path dotEnv) {
        Map<String, String> merged = new HashMap<>(readDotEnv(dotEnv));
        merged.putAll(environment);
        this.values = merged;
    }

    public static ConfigLoader fromProcess() {
        return new ConfigLoader(System.getenv(), Path.of(".env"));
    }

    public ServerConfig load() {
        String env = get("OMNICHAT_ENV").orElse("production").trim().toLowerCase();
        if (!env.equals("production") && !env.equals("development")) {
            throw new ConfigException("OMNICHAT_ENV must be 'production' or 'development', not '" + env + "'");
        }
        boolean development = env.equals("development");
        Optional<String> jwtSecret = get("JWT_SECRET");
        if (jwtSecret.isPresent()) {
            checkSecret("JWT_SECRET", jwtSecret.get());
        } else if (!development) {
            throw new ConfigException("JWT_SECRET is required in production (at least 32 bytes); "
                    + "set OMNICHAT_ENV=development to generate one for local use");
        }
        Optional<String> platformToken = get("OMNICHAT_PLATFORM_TOKEN");
        platformToken.ifPresent(token -> {
            if (token.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new ConfigException("OMNICHAT_PLATFORM_TOKEN must be at least 32 bytes");
            }
        });
        Optional<String> publicBaseUrl = get("PUBLIC_BASE_URL").map(url -> url.replaceAll("/+$", ""));
        publicBaseUrl.ifPresent(url -> {
            if (!url.matches("https?://[^/\\s]+")) {
                throw new ConfigException("PUBLIC_BASE_URL must look like https://host[:port], not '" + url + "'");
            }
        });
        List<String> adminOrigins = new ArrayList<>(list("OMNICHAT_ADMIN_ORIGINS"));
        for (String legacy : list("FRONTEND_ORIGIN")) {
            if (!legacy.equals("*")) {
                adminOrigins.add(legacy);
            }
        }
        if (adminOrigins.contains("*")) {
            throw new ConfigException("OMNICHAT_ADMIN_ORIGINS cannot be '*': list the admin origins");
        }
        TenantDefaults tenantDefaults = tenantDefaults();
        if (tenantDefaults.anyChannelCredential() && publicBaseUrl.isEmpty()) {
            throw new ConfigException("PUBLIC_BASE_URL is required when Twilio or Messenger credentials are configured "
                    + "(signature URLs and status callbacks are built from it)");
        }
        return new ServerConfig(
                development,
                get("OMNICHAT_HOST").orElse("0.0.0.0"),
                integer("PORT", 8000, 0, 65535),
                Path.of(get("OMNICHAT_DATA_DIR").orElse("./data")),
                get("OMNICHAT_DATABASE_URL").map(String::trim),
                jwtSecret,
                Duration.ofMinutes(integer("OMNICHAT_TOKEN_TTL_MINUTES", 4320, 1, 525_600)),
                publicBaseUrl,
                trustedProxies(),
                platformToken,
                get("OMNICHAT_ADMIN_EMAIL").orElse("admin@dwc.com").trim().toLowerCase(),
                get("OMNICHAT_ADMIN_PASSWORD"),
                integer("OMNICHAT_DEFAULT_TENANT_ID", 1, 0, Integer.MAX_VALUE),
                list("OMNICHAT_WIDGET_ORIGINS"),
                List.copyOf(adminOrigins),
                integer("OMNICHAT_MAX_MESSAGE_CHARS", 10_000, 1, 1_000_000),
                integer("OMNICHAT_STREAM_RETENTION_DAYS", 30, 1, 3650),
                tenantDefaults,
                providers(),
                adminAppDir(),
                visitorLimits(),
                secretsKey(),
                observability(),
                ServerConfig.SERVER_VERSION);
    }

    private TenantDefaults tenantDefaults() {
        return new TenantDefaults(
                integer("OMNICHAT_PATIENCE_SECONDS", 30, 0, Integer.MAX_VALUE),
                integer("ESCALATE_AFTER_SECONDS", 300, 0, Integer.MAX_VALUE),
                integer("AUTO_CLOSE_MINUTES", 30, 0, Integer.MAX_VALUE),
                integer("OMNICHAT_HISTORY_RETENTION_DAYS", 30, 0, 36_500),
                number("BACKUP_NUMBER"),
                token("TWILIO_ACCOUNT_SID", "AC[A-Za-z0-9]{1,62}", "an account SID starting with AC"),
                token("TWILIO_AUTH_TOKEN", "\\S{1,256}", "a token without spaces"),
                number("TWILIO_NUMBER"),
                number("TWILIO_WHATSAPP_NUMBER"),
                token("TWILIO_MESSAGING_SERVICE_SID", "MG[A-Za-z0-9]{1,62}", "a Messaging Service SID starting with MG"),
                token("FB_PAGE_ID", "[0-9]{1,64}", "a numeric page id"),
                token("FB_PAGE_ACCESS_TOKEN", "\\S{1,1024}", "a token without spaces"),
                token("FB_APP_SECRET", "\\S{1,256}", "a secret without spaces"),
                token("FB_VERIFY_TOKEN", "\\S{1,256}", "a token without spaces"));
    }

    private VisitorLimitSettings visitorLimits() {
        VisitorLimitSettings standard = VisitorLimitSettings.protocolDefaults();
        return new VisitorLimitSettings(
                integer("OMNICHAT_LIMIT_VISITOR_MESSAGES_PER_MINUTE", standard.messagesPerMinute(), 0, MAX_LIMIT),
                integer("OMNICHAT_LIMIT_VISITOR_MESSAGES_PER_MINUTE_PER_IP", standard.messagesPerMinutePerIp(), 0, MAX_LIMIT),
                integer("OMNICHAT_LIMIT_NEW_SOCKET_IDS_PER_HOUR_PER_IP", standard.newSocketIdsPerHourPerIp(), 0, MAX_LIMIT),
                integer("OMNICHAT_LIMIT_WIDGET_SESSIONS_PER_HOUR_PER_IP", standard.widgetSessionsPerHourPerIp(), 0, MAX_LIMIT),
                integer("OMNICHAT_LIMIT_FOLLOWUPS_PER_HOUR", standard.followupsPerHour(), 0, MAX_LIMIT));
    }

    /**
     * The key that encrypts channel credentials at rest, when the operator keeps it outside the data directory. Its
     * value is never echoed: it is a secret.
     */
    private Optional<String> secretsKey() {
        Optional<String> raw = get("OMNICHAT_SECRETS_KEY").map(String::trim);
        raw.ifPresent(value -> {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length != 32) {
                throw new ConfigException("OMNICHAT_SECRETS_KEY must be 32 random bytes in standard Base64 "
                        + "(44 characters, e.g. from `openssl rand -base64 32`)");
            }
        });
        return raw;
    }

    private ProviderEndpoints providers() {
        ProviderEndpoints standard = ProviderEndpoints.standard();
        String version = get("FB_GRAPH_VERSION").map(String::trim).orElse(standard.fbGraphVersion());
        if (!version.matches("v[0-9]{1,3}\\.[0-9]{1,3}")) {
            throw new ConfigException("FB_GRAPH_VERSION must look like v25.0, not '" + version + "'");
        }
        return new ProviderEndpoints(
                url("TWILIO_API_BASE_URL", standard.twilioApiBaseUrl()),
                url("FB_GRAPH_BASE_URL", standard.fbGraphBaseUrl()),
                version,
                url("EXPO_PUSH_URL", standard.expoPushUrl()),
                token("EXPO_ACCESS_TOKEN", "\\S{1,1024}", "a token without spaces"));
    }

    private Observability observability() {
        Optional<String> metricsToken = get("OMNICHAT_METRICS_TOKEN").map(String::trim);
        metricsToken.ifPresent(token -> {
            if (!token.matches("[\\x21-\\x7E]{16,256}")) {
                throw new ConfigException("OMNICHAT_METRICS_TOKEN must be 16 to 256 printable characters without spaces");
            }
        });
        String format = get("OMNICHAT_LOG_FORMAT").orElse("text").trim().toLowerCase();
        Observability.LogFormat logFormat = switch (format) {
            case "text" -> Observability.LogFormat.TEXT;
            case "json" -> Observability.LogFormat.JSON;
            default -> throw new ConfigException("OMNICHAT_LOG_FORMAT must be 'text' or 'json', not '" + format + "'");
        };
        String level = get("OMNICHAT_LOG_LEVEL").orElse("info").trim().toLowerCase();
        if (!List.of("trace", "debug", "info", "warn", "error").contains(level)) {
            throw new ConfigException("OMNICHAT_LOG_LEVEL must be one of trace, debug, info, warn, error, not '"
                    + level + "'");
        }
        String nodeId = get("OMNICHAT_NODE_ID").map(String::trim).orElseGet(this::defaultNodeId);
        if (!nodeId.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new ConfigException("OMNICHAT_NODE_ID must be 1-64 characters of A-Z a-z 0-9 . _ : -, not '"
                    + nodeId + "'");
        }
        return new Observability(metricsToken, logFormat, level, nodeId);
    }

    /** Host name and port, as PROTOCOL.md Part E says; characters a label would not take are dropped. */
    private String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "omnichat";
        }
        String cleaned = host.replaceAll("[^A-Za-z0-9._-]", "");
        String port = get("PORT").map(String::trim).orElse("8000");
        String id = (cleaned.isEmpty() ? "omnichat" : cleaned) + ":" + port;
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }

    /** An E.164 number; a WhatsApp address ({@code whatsapp:+1555…}) is accepted and stored without its prefix. */
    private Optional<String> number(String name) {
        Optional<String> raw = get(name).map(String::trim).map(v -> v.startsWith("whatsapp:") ? v.substring(9) : v);
        raw.ifPresent(value -> {
            if (!value.matches("\\+[1-9][0-9]{1,14}")) {
                throw new ConfigException(name + " must be an E.164 number such as +15550001000, not '" + value + "'");
            }
        });
        return raw;
    }

    /** A credential or identifier; a wrong one is refused without echoing its value, which may be secret. */
    private Optional<String> token(String name, String pattern, String what) {
        Optional<String> raw = get(name).map(String::trim);
        raw.ifPresent(value -> {
            if (!value.matches(pattern)) {
                throw new ConfigException(name + " must be " + what);
            }
        });
        return raw;
    }

    private String url(String name, String fallback) {
        String value = get(name).map(String::trim).map(v -> v.replaceAll("/+$", "")).orElse(fallback);
        if (!value.matches("https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
            throw new ConfigException(name + " must be an http(s) URL, not '" + value + "'");
        }
        return value;
    }

    /** Another admin web app to serve instead of ours; it must at least have the index page deep links fall back to. */
    private Optional<Path> adminAppDir() {
        Optional<Path> dir = get("OMNICHAT_ADMIN_APP_DIR").map(String::trim).map(Path::of);
        dir.ifPresent(path -> {
            if (!Files.isRegularFile(path.resolve("index.html"))) {
                throw new ConfigException("OMNICHAT_ADMIN_APP_DIR must be a directory with an index.html, not '"
                        + path + "'");
            }
        });
        return dir;
    }

    private static void checkSecret(String name, String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32 || secret.equals("secret-key")) {
            throw new ConfigException(name + " must be at least 32 bytes and not a well-known value");
        }
    }

    private Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private int integer(String name, int fallback, int min, int max) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value < min || value > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, not '" + raw.get() + "'");
        }
    }

    /**
     * How many proxies stand in front of the server: {@code false} none, {@code true} one, or their number. A number
     * the server would misread silently (a typo, a negative) would trust a client-chosen address, so it stops start-up.
     */
    private int trustedProxies() {
        String raw = get("OMNICHAT_TRUST_PROXY").orElse("false").trim().toLowerCase();
        switch (raw) {
            case "true", "yes", "on":
                return 1;
            case "false", "no", "off":
                return 0;
            default:
                if (raw.matches("[0-9]{1,2}") && Integer.parseInt(raw) <= MAX_TRUSTED_PROXIES) {
                    return Integer.parseInt(raw);
                }
                throw new ConfigException("OMNICHAT_TRUST_PROXY must be true, false or the number of proxies in front "
                        + "of the server (0-" + MAX_TRUSTED_PROXIES + "), not '" + raw + "'");
        }
    }

    private List<String> list(String name) {
        return get(name).map(raw -> Arrays.stream(raw.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(s -> s.replaceAll("/+$", ""))
                        .toList())
                .orElse(List.of());
    }

    private static Map<String, String> readDotEnv(Path file) {
        Map<String, String> result = new HashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return result;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                    continue;
                }
                if (trimmed.startsWith("export ")) {
                    trimmed = trimmed.substring(7).trim();
                }
                int eq = trimmed.indexOf('=');
                String value = trimmed.substring(eq + 1).trim();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                result.put(trimmed.substring(0, eq).trim(), value);
            }
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage());
        }
        return result;
    }
}
