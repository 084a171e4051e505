package com.omnichat.desktop.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.desktop.api.Backoff;
import okhttp3.OkHttpClient;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.prefs.Preferences;

/**
 * What a session needs from the outside world, built once at start-up: tests pass their own preferences node, data
 * directory and faster backoff. {@code fx} runs on the JavaFX thread; {@code background} runs blocking network calls.
 */
public record Environment(Preferences preferences, Path dataDir, Supplier<Backoff> backoff, OkHttpClient http,
                          ObjectMapper json, Executor fx, ExecutorService background, Clock clock) {
}
