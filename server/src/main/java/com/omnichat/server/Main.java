package com.omnichat.server;

import com.omnichat.server.config.ConfigException;
import com.omnichat.server.config.ConfigLoader;
import com.omnichat.server.config.ServerConfig;

/** Command line entry point: serve (default) and the operator commands. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String level = System.getenv().getOrDefault("OMNICHAT_LOG_LEVEL", "info").toLowerCase();
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        ServerConfig config;
        try {
            config = ConfigLoader.fromProcess().load();
        } catch (ConfigException e) {
            System.err.println("omnichat: " + e.getMessage());
            System.exit(2);
            return;
        }
        OmnichatServer server = new OmnichatServer(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "omnichat-shutdown"));
        String url = "http://localhost:" + server.port();
        System.out.println("Omnichat " + config.version() + " is running at " + url);
        server.bootstrap().ifPresent(created -> {
            System.out.println("First start: created the default tenant and its admin.");
            System.out.println("  Sign in with email " + created.adminEmail()
                    + (created.generatedPassword() != null ? " and password " + created.generatedPassword()
                    + " (shown only this once)" : " and the password from OMNICHAT_ADMIN_PASSWORD"));
            System.out.println("  Widget site key: " + created.siteKey());
        });
    }
}
