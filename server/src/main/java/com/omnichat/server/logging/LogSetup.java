package com.omnichat.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.omnichat.server.config.Observability;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Where log lines go and what they look like (PROTOCOL.md Part E): readable text by default, one JSON object per line
 * with {@code OMNICHAT_LOG_FORMAT=json}, always on standard error so standard output keeps the start-up banner.
 * Libraries that can print request headers (Jetty, Javalin) or SQL stay at WARN whatever the level asked for, so a
 * debug level never puts a token into the log.
 */
public final class LogSetup {
    /** Request id and tenant in brackets when there are any; nothing when the line belongs to no request. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z', UTC} %-5level %logger{36} "
            + "%replace(%replace([req=%X{request_id} tenant=%X{tenant_id}] ){' tenant=\\]', ']'}){'\\[req=\\] ', ''}"
            + "- %msg%n";
    private static final List<String> QUIET = List.of("org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari",
            "org.flywaydb");

    private LogSetup() {
    }

    /** Replaces whatever logging was set up before (the text default) with what the settings ask for. */
    public static void apply(Observability settings) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        configure(context, settings.logFormat(), Level.toLevel(settings.logLevel(), Level.INFO), settings.nodeId());
    }

    static void configure(LoggerContext context, Observability.LogFormat format, Level level, String nodeId) {
        Encoder<ILoggingEvent> encoder = format == Observability.LogFormat.JSON ? json(context, nodeId) : text(context);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(console);
        Level quiet = level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
        for (String name : QUIET) {
            context.getLogger(name).setLevel(quiet);
        }
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    /**
     * logstash-logback-encoder with short field names: time (UTC), level, logger, thread, message, the request's
     * request_id and tenant_id from the MDC, node_id on every line, and stack_trace for errors.
     */
    private static Encoder<ILoggingEvent> json(LoggerContext context, String nodeId) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        LogstashFieldNames names = encoder.getFieldNames();
        names.setTimestamp("time");
        names.setVersion("[ignore]");
        names.setLogger("logger");
        names.setThread("thread");
        names.setLevelValue("[ignore]");
        encoder.setTimeZone("UTC");
        encoder.setTimestampPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
        encoder.setCustomFields("{\"node_id\":\"" + nodeId + "\"}");
        encoder.start();
        return encoder;
    }
}
