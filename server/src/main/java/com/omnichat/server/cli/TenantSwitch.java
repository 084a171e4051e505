package com.omnichat.server.cli;

import com.omnichat.server.Services;
import com.omnichat.server.tenants.TenantService;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/** What disable-tenant and enable-tenant share; they differ only in the state they set. */
abstract class TenantSwitch implements Callable<Integer> {
    @ParentCommand
    private OmnichatCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "Tenant id.")
    private long tenantId;

    abstract boolean disabled();

    @Override
    public Integer call() {
        try (Services services = parent.openServices()) {
            TenantService.Summary tenant = services.tenants().update(tenantId, Optional.empty(), Optional.of(disabled()));
            spec.commandLine().getOut().println("Tenant " + tenant.id() + " (" + tenant.name() + ") is now "
                    + (tenant.disabled() ? "disabled" : "enabled") + ".");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
