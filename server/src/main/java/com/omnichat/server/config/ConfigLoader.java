package com.omnichat.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@link ServerConfig} from the environment, a .env file beneath it, and checks every value. */
public final class ConfigLoader {
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
        return new ServerConfig(
                development,
                get("OMNICHAT_HOST").orElse("0.0.0.0"),
                integer("PORT", 8000, 0, 65535),
                Path.of(get("OMNICHAT_DATA_DIR").orElse("./data")),
                jwtSecret,
                Duration.ofMinutes(integer("OMNICHAT_TOKEN_TTL_MINUTES", 4320, 1, 525_600)),
                publicBaseUrl,
                bool("OMNICHAT_TRUST_PROXY"),
                platformToken,
                get("OMNICHAT_ADMIN_EMAIL").orElse("admin@dwc.com").trim().toLowerCase(),
                get("OMNICHAT_ADMIN_PASSWORD"),
                integer("OMNICHAT_DEFAULT_TENANT_ID", 1, 0, Integer.MAX_VALUE),
                list("OMNICHAT_WIDGET_ORIGINS"),
                List.copyOf(adminOrigins),
                integer("OMNICHAT_MAX_MESSAGE_CHARS", 10_000, 1, 1_000_000),
                integer("OMNICHAT_STREAM_RETENTION_DAYS", 30, 1, 3650),
                adminAppDir(),
                ServerConfig.SERVER_VERSION);
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

    private boolean bool(String name) {
        String raw = get(name).orElse("false").trim().toLowerCase();
        return switch (raw) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, not '" + raw + "'");
        };
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
