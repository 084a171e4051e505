package com.omnichat.server.support;

import com.omnichat.server.Main;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The server in a process of its own, started the way {@code run.sh} starts it ({@code java … Main} with the
 * environment as its only configuration), so a test can kill it with SIGKILL as a power cut or the OOM killer would.
 * The classpath is this test JVM's own: the jar of {@code package} does not exist yet when {@code test} runs.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private final Map<String, String> env;
    private final Path workDir;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private ServerProcess(Map<String, String> env, Path workDir, Path log, int port) {
        this.env = env;
        this.workDir = workDir;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a server on a free port of 127.0.0.1 with exactly {@code env} (plus host and port), in {@code workDir}
     * (so no developer's {@code .env} is read), appending its output to {@code log}; returns once it answers.
     */
    public static ServerProcess start(Map<String, String> env, Path workDir, Path log) {
        ServerProcess server = new ServerProcess(env, workDir, log, freePort());
        server.launch();
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye; returns when the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts it again on the same port and data directory, and waits until it answers. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the server is still running");
        }
        launch();
    }

    private void launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        builder.environment().put("OMNICHAT_HOST", "127.0.0.1");
        builder.environment().put("PORT", Integer.toString(port));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + java, e);
        }
        awaitHealthy();
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).timeout(Duration.ofSeconds(2))
                .GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server process exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the server did not answer /health within " + START_DEADLINE + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
