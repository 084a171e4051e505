package com.omnichat.server;

import com.omnichat.server.cli.OmnichatCommand;
import com.omnichat.server.config.ConfigLoader;

/** Process entry point; the commands live in {@link OmnichatCommand}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(OmnichatCommand.commandLine(() -> ConfigLoader.fromProcess().load()).execute(args));
    }
}
