package com.omnichat.server.cli;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.Services;
import com.omnichat.server.tenants.TenantService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "list-tenants", description = "List every tenant with its status, counts and site key.")
final class ListTenantsCommand implements Callable<Integer> {
    private static final String ROW = "%-6s %-30s %-9s %6s %14s  %-27s  %s%n";

    @ParentCommand
    private OmnichatCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        try (Services services = parent.openServices()) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(ROW, "ID", "NAME", "STATUS", "USERS", "CONVERSATIONS", "CREATED", "SITE KEY");
            for (TenantService.Summary tenant : services.tenants().list()) {
                out.printf(ROW, tenant.id(), tenant.name(), tenant.disabled() ? "disabled" : "enabled", tenant.users(),
                        tenant.conversations(), Timestamps.formatMicros(tenant.createdAt()),
                        tenant.siteKey() == null ? "-" : tenant.siteKey());
            }
            out.flush();
            return 0;
        }
    }
}
