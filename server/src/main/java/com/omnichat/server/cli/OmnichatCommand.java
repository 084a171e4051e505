package com.omnichat.server.cli;

import com.omnichat.server.Services;
import com.omnichat.server.config.ConfigException;
import com.omnichat.server.config.ServerConfig;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.logging.LogSetup;
import com.omnichat.server.storage.StorageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code omnichat} command: serves when given no subcommand; the other subcommands are the operator's tenant and
 * account tools (PROTOCOL.md §C.8), the legacy import, backup and restore, which open the database directly and
 * never start HTTP.
 */
@Command(name = "omnichat", mixinStandardHelpOptions = true, versionProvider = OmnichatCommand.Version.class,
        description = "Omnichat customer-support chat server.",
        subcommands = {ServeCommand.class, CreateTenantCommand.class, ListTenantsCommand.class,
                DisableTenantCommand.class, EnableTenantCommand.class, CreateUserCommand.class,
                ResetPasswordCommand.class, ImportLegacyDbCommand.class, BackupCommand.class, RestoreCommand.class})
public final class OmnichatCommand implements Callable<Integer> {
    /** Exit status for configuration errors, so scripts can tell them from refused operations (1). */
    public static final int CONFIG_ERROR = 2;

    private final Supplier<ServerConfig> configSource;

    @Spec
    private CommandSpec spec;

    private OmnichatCommand(Supplier<ServerConfig> configSource) {
        this.configSource = configSource;
    }

    /** The configured command line; the configuration is read only when a command runs. */
    public static CommandLine commandLine(Supplier<ServerConfig> configSource) {
        CommandLine commandLine = new CommandLine(new OmnichatCommand(configSource));
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof ConfigException) {
                failed.getErr().println("omnichat: configuration error: " + e.getMessage());
                return CONFIG_ERROR;
            }
            if (e instanceof ApiException refused) {
                failed.getErr().println("omnichat: " + describe(refused));
                return 1;
            }
            if (e instanceof StorageException) {
                failed.getErr().println("omnichat: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        return ServeCommand.serve(config(), spec.commandLine().getOut());
    }

    /** The settings, with logging switched to the format and level they ask for before anything else logs. */
    ServerConfig config() {
        ServerConfig config = configSource.get();
        LogSetup.apply(config.observability());
        return config;
    }

    Services openServices() {
        return Services.open(config());
    }

    private static String describe(ApiException refused) {
        if (refused.fieldErrors().isEmpty()) {
            return refused.getMessage();
        }
        return refused.fieldErrors().stream()
                .map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Omnichat " + ServerConfig.SERVER_VERSION};
        }
    }
}
