package com.omnichat.server.cli;

import com.omnichat.server.Services;
import com.omnichat.server.importer.ImportReport;
import com.omnichat.server.importer.LegacyImportException;
import com.omnichat.server.importer.LegacyImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import-legacy-db",
        description = "Import the previous system's SQLite database (handoff.sqlite) into a tenant; safe to repeat.")
final class ImportLegacyDbCommand implements Callable<Integer> {
    @ParentCommand
    private OmnichatCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<path>", description = "The old database file; it is opened read-only.")
    private Path file;

    @Option(names = "--tenant", required = true, description = "Id of the tenant that receives the data.")
    private long tenantId;

    @Option(names = "--dry-run", description = "Report what would be imported without writing anything.")
    private boolean dryRun;

    @Override
    public Integer call() {
        try (Services services = parent.openServices()) {
            LegacyImporter importer = new LegacyImporter(services.db(), services.tenantStore(), services.userStore(),
                    services.audit(), services.random(), services.json(), services.clock());
            ImportReport report = importer.run(file, tenantId, dryRun);
            PrintWriter out = spec.commandLine().getOut();
            out.println((dryRun ? "Dry run (nothing written): " : "Imported ") + file + " into tenant " + tenantId);
            report.lines().forEach(out::println);
            out.println("Total imported: " + report.totalImported() + (dryRun ? " (dry run, nothing written)" : ""));
            out.flush();
            return 0;
        } catch (LegacyImportException e) {
            spec.commandLine().getErr().println("omnichat: " + e.getMessage());
            return 1;
        }
    }
}
