package com.omnichat.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as its own process ({@code java … com.omnichat.server.Main serve}, as the package runs it), for what only
 * a process shows: signals, exit codes, OS file locks. It uses the test's class path (the jar is built after the
 * tests) and a port the server picks itself, read from its start-up line.
 */
public final class ChildServer implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Pattern RUNNING = Pattern.compile("is running at http://localhost:(\\d+)");
    private static final Pattern SITE_KEY = Pattern.compile("Widget site key: (\\S+)");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final CompletableFuture<String> siteKey = new CompletableFuture<>();

    private ChildServer(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "server-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a server on {@code dataDir} without waiting for it: for a start that is expected to fail. */
    public static ChildServer launch(Path dataDir, Map<String, String> extraEnv) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "com.omnichat.server.Main", "serve").redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("OMNICHAT_") || name.equals("JWT_SECRET") || name.equals("PORT"));
        Map<String, String> settings = new HashMap<>(Map.of("OMNICHAT_DATA_DIR", dataDir.toString(),
                "JWT_SECRET", TestServer.JWT_SECRET, "OMNICHAT_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "OMNICHAT_HOST", "127.0.0.1", "PORT", "0"));
        settings.putAll(extraEnv);
        env.putAll(settings);
        try {
            return new ChildServer(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a server on {@code dataDir} and waits until it serves. */
    public static ChildServer start(Path dataDir, Map<String, String> extraEnv) {
        ChildServer server = launch(dataDir, extraEnv);
        try {
            server.port.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            server.process.destroyForcibly();
            throw new AssertionError("the server process did not start; its output:\n" + server.output, e);
        }
        return server;
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                Matcher running = RUNNING.matcher(line);
                if (running.find()) {
                    port.complete(Integer.parseInt(running.group(1)));
                }
                Matcher key = SITE_KEY.matcher(line);
                if (key.find()) {
                    siteKey.complete(key.group(1));
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
        port.completeExceptionally(new IllegalStateException("the server exited before serving"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port.join();
    }

    public String wsUrl(String path) {
        return "ws://127.0.0.1:" + port.join() + path;
    }

    public Api api() {
        return new Api(baseUrl());
    }

    /** The default tenant's widget key, printed on the first start of a new data directory. */
    public String siteKey() {
        try {
            return siteKey.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no site key in the server's output:\n" + output, e);
        }
    }

    /** SIGTERM on Linux, as systemd and Kubernetes stop a service. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
    }

    /** The exit status once the process has ended within {@code limit}; fails the test if it has not. */
    public int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the server process was still running after " + limit.toSeconds()
                        + " s; its output:\n" + output);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String output() {
        return output.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
