package com.omnichat.server.cli;

import com.omnichat.server.Services;
import com.omnichat.server.audit.Actor;
import com.omnichat.server.users.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "create-user", description = "Create a staff account in a tenant.")
final class CreateUserCommand implements Callable<Integer> {
    @ParentCommand
    private OmnichatCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "ID", description = "Tenant id.")
    private long tenantId;

    @Option(names = "--email", required = true)
    private String email;

    @Option(names = "--name", required = true)
    private String name;

    @Option(names = "--role", required = true, description = "admin or staff.")
    private String role;

    @Option(names = "--password", arity = "0..1", interactive = true,
            description = "10 characters to 72 UTF-8 bytes, not a common password; without a value it is asked "
                    + "for; when omitted one is generated and printed once.")
    private String password;

    @Override
    public Integer call() {
        try (Services services = parent.openServices()) {
            UserService.Created created = services.users().create(Actor.OPERATOR, tenantId,
                    new UserService.NewUser(email, name, role, Optional.ofNullable(password)), null);
            PrintWriter out = spec.commandLine().getOut();
            out.println("User id:  " + created.user().id());
            out.println("Tenant:   " + tenantId);
            out.println("Email:    " + created.user().email());
            out.println("Role:     " + created.user().role());
            if (created.generatedPassword() != null) {
                out.println("Password: " + created.generatedPassword() + "  (generated; shown only this once)");
            }
            out.flush();
            return 0;
        }
    }
}
