package com.omnichat.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import com.omnichat.server.config.Observability;

/**
 * Logback's configuration before the server has read its settings, and in tests that build the server in-process:
 * the text format at INFO. Found by Logback through {@code META-INF/services}; {@link LogSetup#apply} replaces it.
 */
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LogSetup.configure(context, Observability.LogFormat.TEXT, Level.INFO, "omnichat");
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
