package com.omnichat.desktop.bench;

import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Must-show (e): 10,000 conversations into the inbox. A real server here holds them; the app runs in a JVM of its own
 * ({@link InboxLoadProbe}) so its memory is measured without the server's: time to first paint (sign-in click until
 * the list shows rows), time until all are loaded, scrolling through the whole list, heap and RSS, written to
 * target/benchmarks/. Figures only: nothing here asserts a duration.
 */
@Tag("benchmark")
class InboxLoadBenchmark {
    private static final int CONVERSATIONS = 10_000;
    /** The GUI flags of the surefire argLine (TOOLCHAIN.md), for the app's own JVM. */
    private static final List<String> HEADLESS = List.of("-Dtestfx.robot=glass", "-Dtestfx.headless=true",
            "-Dprism.order=sw", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.text=t2k",
            "-Djava.awt.headless=true");

    @Test
    void tenThousandConversations() throws Exception {
        try (TestServer server = TestServer.start()) {
            ConversationService conversations = server.server().conversations();
            List<CompletableFuture<?>> writes = new ArrayList<>();
            for (int i = 0; i < CONVERSATIONS; i++) {
                String number = String.format(Locale.ROOT, "+1555%07d", i);
                writes.add(conversations.receiveFromContactAsync(1, "sms", number, "Question number " + i,
                        "SMbench" + i));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();

            Path out = Path.of("target", "benchmarks", "inbox-10000-conversations.txt").toAbsolutePath();
            Files.createDirectories(out.getParent());
            Files.deleteIfExists(out);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(HEADLESS);
            // The options the shipped app starts with (desktop.sh and the installers read the same file).
            Files.readAllLines(Path.of("app-jvm-options")).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(command::add);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), InboxLoadProbe.class.getName(),
                    server.baseUrl(), Integer.toString(CONVERSATIONS), out.toString()));
            Process app = new ProcessBuilder(command).inheritIO().start();
            assertThat(app.waitFor(5, TimeUnit.MINUTES)).as("the app's run finished").isTrue();
            assertThat(app.exitValue()).isZero();
            assertThat(out).exists();
        }
    }
}
