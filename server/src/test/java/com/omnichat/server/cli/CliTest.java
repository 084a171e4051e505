package com.omnichat.server.cli;

import com.omnichat.server.config.ConfigLoader;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator commands run in-process against the data directory of a running server, as an operator would. */
class CliTest {
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Run(int exitCode, String out, String err) {
        String line(String label) {
            Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(\\S+)").matcher(out);
            assertThat(matcher.find()).as("'%s' in:%n%s", label, out).isTrue();
            return matcher.group(1);
        }
    }

    private static Run run(String... args) {
        return runWith(Map.of(), args);
    }

    private static Run runWith(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("OMNICHAT_DATA_DIR", server.dataDir().toString());
        env.put("JWT_SECRET", TestServer.JWT_SECRET);
        env.putAll(extraEnv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OmnichatCommand.commandLine(() -> new ConfigLoader(env, null).load());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void createTenantPrintsItsAdminOnceAndListTenantsShowsIt() {
        Run created = run("create-tenant", "--name", "Cli Corp", "--admin-email", "Boss@CliCorp.example");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String id = created.line("Tenant id:");
        assertThat(created.line("Admin email:")).isEqualTo("boss@clicorp.example");
        assertThat(created.line("Widget site key:")).matches("wk_[0-9A-Za-z]{24}");
        String password = created.line("Admin password:");
        api.login("boss@clicorp.example", password);

        Run listed = run("list-tenants");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).containsPattern("(?m)^" + id + "\\s+Cli Corp\\s+enabled\\s+1\\s+0\\s");
        assertThat(listed.out()).containsPattern("(?m)^1\\s+Default Tenant\\s+enabled");

        Run chosen = run("create-tenant", "--name", "Quiet", "--admin-email", "quiet@quiet.example",
                "--admin-name", "Quiet Admin", "--admin-password", "quiet-password");
        assertThat(chosen.exitCode()).isZero();
        assertThat(chosen.out()).doesNotContain("Admin password");
        api.login("quiet@quiet.example", "quiet-password");
    }

    @Test
    void disableAndEnableTenant() {
        Run created = run("create-tenant", "--name", "Switch", "--admin-email", "boss@switch.example",
                "--admin-password", "switch-password");
        String id = created.line("Tenant id:");
        String token = api.login("boss@switch.example", "switch-password");

        Run disabled = run("disable-tenant", id);
        assertThat(disabled.exitCode()).isZero();
        assertThat(disabled.out()).contains("Tenant " + id + " (Switch) is now disabled.");
        assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(401);
        assertThat(api.form("/api/v1/auth/login", Map.of("username", "boss@switch.example", "password", "switch-password"))
                .status()).isEqualTo(401);
        assertThat(run("list-tenants").out()).containsPattern("(?m)^" + id + "\\s+Switch\\s+disabled");

        assertThat(run("enable-tenant", id).out()).contains("is now enabled.");
        api.login("boss@switch.example", "switch-password");
    }

    @Test
    void createUserThenResetPasswordLetsThemSignInWithTheNewOne() {
        Run created = run("create-user", "--tenant", "1", "--email", "cli.user@example.com", "--name", "Cli User",
                "--role", "staff", "--password", "first-password");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.line("Role:")).isEqualTo("staff");
        String oldToken = api.login("cli.user@example.com", "first-password");

        Run reset = run("reset-password", "--email", "CLI.User@example.com");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        String generated = reset.line("New password:");
        assertThat(api.get("/api/v1/auth/me", oldToken).status()).isEqualTo(401);
        assertThat(api.form("/api/v1/auth/login", Map.of("username", "cli.user@example.com", "password", "first-password"))
                .status()).isEqualTo(401);
        api.login("cli.user@example.com", generated);

        Run chosen = run("reset-password", "--email", "cli.user@example.com", "--password", "chosen-password");
        assertThat(chosen.out()).doesNotContain("New password");
        api.login("cli.user@example.com", "chosen-password");
    }

    @Test
    void refusedOperationsExitWithOneAndSayWhy() {
        Run badRole = run("create-user", "--tenant", "1", "--email", "x@example.com", "--name", "X", "--role", "owner");
        assertThat(badRole.exitCode()).isEqualTo(1);
        assertThat(badRole.err()).contains("role must be admin or staff");

        Run unknownTenant = run("disable-tenant", "9999");
        assertThat(unknownTenant.exitCode()).isEqualTo(1);
        assertThat(unknownTenant.err()).contains("Tenant not found");

        Run duplicate = run("create-tenant", "--name", "Dup", "--admin-email", TestServer.ADMIN_EMAIL);
        assertThat(duplicate.exitCode()).isEqualTo(1);
        assertThat(duplicate.err()).contains("already exists");

        assertThat(run("reset-password", "--email", "nobody@example.com").exitCode()).isEqualTo(1);
    }

    @Test
    void everyCommandThatSetsAPasswordRefusesAWeakOne() {
        String tooLong = "\u00e9".repeat(36) + "!";
        Run commonUser = run("create-user", "--tenant", "1", "--email", "weak.cli@example.com", "--name", "Weak",
                "--role", "staff", "--password", "Password123");
        assertThat(commonUser.exitCode()).isEqualTo(1);
        assertThat(commonUser.err()).contains("password is one of the most common passwords");
        assertThat(commonUser.err()).doesNotContain("Password123");

        Run blankAdmin = run("create-tenant", "--name", "Blank", "--admin-email", "boss@blank.example",
                "--admin-password", " ".repeat(12));
        assertThat(blankAdmin.exitCode()).isEqualTo(1);
        assertThat(blankAdmin.err()).contains("admin_password must not be blank");
        assertThat(run("list-tenants").out()).doesNotContain("Blank");

        run("create-user", "--tenant", "1", "--email", "kept.cli@example.com", "--name", "Kept", "--role", "staff",
                "--password", "kept-password-1");
        Run longReset = run("reset-password", "--email", "kept.cli@example.com", "--password", tooLong);
        assertThat(longReset.exitCode()).isEqualTo(1);
        assertThat(longReset.err()).contains("password must be at most 72 bytes");
        api.login("kept.cli@example.com", "kept-password-1");
    }

    @Test
    void configurationErrorsExitWithTwo() {
        Run bad = runWith(Map.of("OMNICHAT_ENV", "staging"), "list-tenants");
        assertThat(bad.exitCode()).isEqualTo(OmnichatCommand.CONFIG_ERROR);
        assertThat(bad.err()).contains("OMNICHAT_ENV");
        assertThat(bad.out()).isEmpty();

        assertThat(run("create-tenant", "--name", "Missing email").exitCode()).as("usage error").isEqualTo(2);
    }
}
