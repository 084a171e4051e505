package com.omnichat.server.support;

import com.omnichat.server.OmnichatServer;
import com.omnichat.server.config.ConfigLoader;
import com.omnichat.server.config.ServerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A real server on a free port with a real SQLite file in a fresh directory. */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_EMAIL = "admin@dwc.com";
    public static final String ADMIN_PASSWORD = "correct-horse-battery";
    /**
     * Turns the patience, escalation and auto-close jobs off, for tests that move the clock by hours or days for
     * other reasons: those jobs run on real-time timers and would add texts at moments the test does not control.
     */
    public static final Map<String, String> LIFECYCLE_OFF = Map.of("OMNICHAT_PATIENCE_SECONDS", "0",
            "ESCALATE_AFTER_SECONDS", "0", "AUTO_CLOSE_MINUTES", "0");
    public static final String JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";

    private final Path dataDir;
    private final Map<String, String> env;
    private final Clock clock;
    private OmnichatServer server;

    private TestServer(Path dataDir, Map<String, String> env, Clock clock) {
        this.dataDir = dataDir;
        this.env = env;
        this.clock = clock;
    }

    /** {@code env} plus {@link #LIFECYCLE_OFF}. */
    public static Map<String, String> withLifecycleOff(Map<String, String> env) {
        Map<String, String> combined = new HashMap<>(env);
        combined.putAll(LIFECYCLE_OFF);
        return combined;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, String> extraEnv) {
        return start(extraEnv, Clock.systemUTC());
    }

    /** A server whose timers and timestamps follow {@code clock} (a {@link TestClock} lets the test move time). */
    public static TestServer start(Map<String, String> extraEnv, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("omnichat-test");
            Map<String, String> env = new HashMap<>();
            env.put("OMNICHAT_DATA_DIR", dir.toString());
            env.put("JWT_SECRET", JWT_SECRET);
            env.put("OMNICHAT_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("OMNICHAT_HOST", "127.0.0.1");
            env.put("PORT", "0");
            env.putAll(extraEnv);
            TestServer test = new TestServer(dir, env, clock);
            test.boot(0);
            return test;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void boot(int port) {
        ServerConfig config = new ConfigLoader(env, null).load().withPort(port);
        server = new OmnichatServer(config, clock).start();
    }

    /** Stops and starts again on the same port and data directory, like an operator restarting the service. */
    public void restart() {
        int port = server.port();
        server.close();
        boot(port);
    }

    /** Runs an offline operator task (a legacy import) with the server stopped, then starts it again on the same port. */
    public void whileStopped(Runnable task) {
        int port = server.port();
        server.close();
        try {
            task.run();
        } finally {
            boot(port);
        }
    }

    public OmnichatServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String wsUrl(String path) {
        return "ws://127.0.0.1:" + port() + path;
    }

    public Api api() {
        return new Api(baseUrl());
    }

    @Override
    public void close() {
        server.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
