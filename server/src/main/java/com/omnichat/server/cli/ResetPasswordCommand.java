package com.omnichat.server.cli;

import com.omnichat.server.Services;
import com.omnichat.server.users.Emails;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "reset-password", description = "Set a new password for a user and sign them out everywhere.")
final class ResetPasswordCommand implements Callable<Integer> {
    @ParentCommand
    private OmnichatCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--email", required = true)
    private String email;

    @Option(names = "--password", arity = "0..1", interactive = true,
            description = "10 characters to 72 UTF-8 bytes, not a common password; without a value it is asked "
                    + "for; when omitted one is generated and printed once.")
    private String password;

    @Override
    public Integer call() {
        try (Services services = parent.openServices()) {
            Optional<String> generated = services.users().resetPasswordByEmail(email, Optional.ofNullable(password));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Password of " + Emails.normalise(email) + " reset; their existing sessions are signed out.");
            generated.ifPresent(p -> out.println("New password: " + p + "  (generated; shown only this once)"));
            out.flush();
            return 0;
        }
    }
}
