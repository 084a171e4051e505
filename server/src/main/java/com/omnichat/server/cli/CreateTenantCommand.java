package com.omnichat.server.cli;

import com.omnichat.server.Services;
import com.omnichat.server.tenants.TenantService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "create-tenant", description = "Create a tenant with its first admin and widget site key.")
final class CreateTenantCommand implements Callable<Integer> {
    @ParentCommand
    private OmnichatCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--name", required = true, description = "Tenant name.")
    private String name;

    @Option(names = "--admin-email", required = true, description = "Email of the tenant's first admin.")
    private String adminEmail;

    @Option(names = "--admin-name", description = "Name of the first admin (default: Admin).")
    private String adminName;

    @Option(names = "--admin-password", arity = "0..1", interactive = true,
            description = "Password of the first admin (10 characters to 72 UTF-8 bytes, not a common password); "
                    + "without a value it is asked for; "
                    + "when omitted one is generated and printed once.")
    private String adminPassword;

    @Override
    public Integer call() {
        try (Services services = parent.openServices()) {
            TenantService.Created created = services.tenants().create(name, adminEmail, adminName,
                    Optional.ofNullable(adminPassword));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Tenant id:       " + created.tenantId());
            out.println("Tenant name:     " + created.tenantName());
            out.println("Admin email:     " + created.adminEmail());
            if (created.generatedPassword() != null) {
                out.println("Admin password:  " + created.generatedPassword() + "  (generated; shown only this once)");
            }
            out.println("Widget site key: " + created.siteKey());
            out.flush();
            return 0;
        }
    }
}
