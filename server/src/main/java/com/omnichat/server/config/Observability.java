package com.omnichat.server.config;

import java.util.Optional;

/**
 * How the server shows itself to the operator (PROTOCOL.md Part E): the token for remote metrics scrapes, the log
 * format and level, and this node's name in logs and metrics. The token never appears in toString.
 */
public record Observability(Optional<String> metricsToken, LogFormat logFormat, String logLevel, String nodeId) {
    public enum LogFormat { TEXT, JSON }

    public static Observability defaults() {
        return new Observability(Optional.empty(), LogFormat.TEXT, "info", "omnichat");
    }

    @Override
    public String toString() {
        return "Observability[metricsToken=" + (metricsToken.isPresent() ? "set" : "-") + ", logFormat=" + logFormat
                + ", logLevel=" + logLevel + ", nodeId=" + nodeId + "]";
    }
}
