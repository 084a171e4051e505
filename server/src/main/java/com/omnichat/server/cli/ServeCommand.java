package com.omnichat.server.cli;

import com.omnichat.server.OmnichatServer;
import com.omnichat.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = "Start the server (the default when no command is given).")
final class ServeCommand implements Callable<Integer> {
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    @ParentCommand
    private OmnichatCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return serve(parent.config(), spec.commandLine().getOut());
    }

    /**
     * Runs until the process is asked to stop (SIGTERM, Ctrl-C): the server closes in the shutdown hook, then this
     * returns. Its steps are bounded; should one hang all the same, the process is halted at {@link #STOP_LIMIT} (well
     * inside systemd's and Kubernetes' default grace), which is safe: anything acknowledged is already committed.
     */
    static int serve(ServerConfig config, PrintWriter out) throws InterruptedException {
        OmnichatServer server = new OmnichatServer(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(STOP_LIMIT.toMillis());
                    System.err.println("omnichat: the shutdown took longer than " + STOP_LIMIT.toSeconds()
                            + " s; halting");
                    Runtime.getRuntime().halt(1);
                } catch (InterruptedException finished) {
                    // the server closed in time
                }
            }, "omnichat-shutdown-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            server.close();
            watchdog.interrupt();
            stopped.countDown();
        }, "omnichat-shutdown"));
        out.println("Omnichat " + config.version() + " is running at http://localhost:" + server.port());
        out.println("  Widget demo: http://localhost:" + server.port() + "/widget-demo");
        server.bootstrap().ifPresent(created -> {
            out.println("First start: created the default tenant and its admin.");
            out.println("  Sign in with email " + created.adminEmail()
                    + (created.generatedPassword() != null ? " and password " + created.generatedPassword()
                    + " (shown only this once)" : " and the password from OMNICHAT_ADMIN_PASSWORD"));
            out.println("  Widget site key: " + created.siteKey());
        });
        out.flush();
        stopped.await();
        return 0;
    }
}
