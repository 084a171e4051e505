package com.omnichat.server.config;

/** An invalid setting: the server refuses to start and prints this message. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
