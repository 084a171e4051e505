package com.omnichat.server.cli;

import com.omnichat.server.config.ServerConfig;
import com.omnichat.server.storage.BackupDirectory;
import com.omnichat.server.storage.OnlineBackup;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "backup", description = "Copy the database while the server runs, check the copy and move it into place.")
final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    private OmnichatCommand parent;

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    @Option(names = "--keep", paramLabel = "N",
            description = "With --into: delete all but the N newest dated backups there (default: keep all).")
    private Integer keep;

    static final class Target {
        @Option(names = "--to", paramLabel = "FILE", description = "The backup file (replaced if it exists).")
        Path file;

        @Option(names = "--into", paramLabel = "DIR",
                description = "A directory of dated backups: writes omnichat-<UTC time>.db there.")
        Path dir;
    }

    @Override
    public Integer call() {
        if (keep != null && (target.dir == null || keep < 1)) {
            throw new ParameterException(spec.commandLine(), "--keep needs --into and a number of at least 1");
        }
        ServerConfig config = parent.config();
        if (ExternalDatabase.explained(config, spec.commandLine().getErr())) {
            return 1;
        }
        BackupDirectory dated = target.dir == null ? null : new BackupDirectory(target.dir);
        Path file = dated == null ? target.file : dated.fileFor(Instant.now());
        OnlineBackup.Result result = OnlineBackup.copy(config.dataDir(), file);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Backed up %s to %s (%d bytes, %d ms); integrity_check: ok%n", config.dataDir(), result.file(),
                result.bytes(), result.took().toMillis());
        Counts.print(out, "SOURCE", result.source(), "BACKUP", result.copy());
        if (dated != null && keep != null) {
            List<Path> deleted = dated.keepNewest(keep);
            deleted.forEach(old -> out.println("Deleted the older backup " + old));
        }
        out.flush();
        return 0;
    }
}
