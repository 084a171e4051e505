package com.omnichat.server.cli;

import com.omnichat.server.config.ServerConfig;
import com.omnichat.server.storage.Restore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "restore",
        description = "Install a backup as the database; refused while a server uses the data directory.")
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    private OmnichatCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "A file written by omnichat backup.")
    private Path from;

    @Override
    public Integer call() {
        ServerConfig config = parent.config();
        if (ExternalDatabase.explained(config, spec.commandLine().getErr())) {
            return 1;
        }
        Restore.Result result = Restore.install(config.dataDir(), from, Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        out.println("Restored " + from + " into " + result.installed() + "; integrity_check: ok");
        Counts.print(out, "ROWS", result.counts());
        result.previous().ifPresentOrElse(
                kept -> out.println("The previous database is kept as " + kept + " (delete it when you no longer need it)."),
                () -> out.println("There was no previous database."));
        out.println("Start the server to use it; it migrates the schema if the backup is from an older version.");
        out.flush();
        return 0;
    }
}
