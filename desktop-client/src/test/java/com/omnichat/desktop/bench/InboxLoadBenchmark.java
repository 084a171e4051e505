package com.omnichat.desktop.bench;

import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.protocol.ConversationView;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.support.TestServer;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Must-show (e): 10,000 conversations into the inbox. Records time to first paint (sign-in click until the list shows
 * rows), time until all are loaded, scrolling through the whole list, heap and RSS, in target/benchmarks/.
 * Figures only: nothing here asserts a duration.
 */
@Tag("benchmark")
class InboxLoadBenchmark {
    private static final int CONVERSATIONS = 10_000;

    @Test
    void tenThousandConversations() throws Exception {
        try (TestServer server = TestServer.start(); DesktopDriver desktop = DesktopDriver.start()) {
            ConversationService conversations = server.server().conversations();
            List<CompletableFuture<?>> writes = new ArrayList<>();
            for (int i = 0; i < CONVERSATIONS; i++) {
                String number = String.format(Locale.ROOT, "+1555%07d", i);
                writes.add(conversations.receiveFromContactAsync(1, "sms", number, "Question number " + i, "SMbench" + i));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();

            System.gc();
            long heapBefore = usedHeap();
            long start = System.nanoTime();
            desktop.signIn(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
            desktop.waitFor("the first rows", () -> desktop.exists("#conversationList") && !desktop.inboxRows().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
            long firstPaint = System.nanoTime() - start;
            desktop.waitFor("all conversations", () -> desktop.workspace() != null
                    && DesktopDriver.onFx(() -> desktop.workspace().inbox().conversations().size()) == CONVERSATIONS);
            WaitForAsyncUtils.waitForFxEvents();
            long allLoaded = System.nanoTime() - start;

            long scrollStart = System.nanoTime();
            int steps = 0;
            for (int row = 0; row < CONVERSATIONS; row += 250, steps++) {
                int target = row;
                DesktopDriver.onFx(() -> {
                    @SuppressWarnings("unchecked")
                    ListView<ConversationView> list = desktop.robot().lookup("#conversationList").queryAs(ListView.class);
                    list.scrollTo(target);
                    list.layout();
                    return null;
                });
            }
            long scroll = System.nanoTime() - scrollStart;

            // Where the first paint goes: the server's answer to the first page, measured alone.
            String token = server.api().loginAdmin();
            long pageStart = System.nanoTime();
            server.api().get("/api/v1/conversations?limit=200", token);
            long firstPage = System.nanoTime() - pageStart;
            System.gc();
            long heapAfter = usedHeap();

            assertThat(desktop.inboxRows()).hasSize(CONVERSATIONS);
            Path out = Path.of("target", "benchmarks", "inbox-10000-conversations.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, String.format(Locale.ROOT, """
                    Desktop inbox with %d conversations (server and app in one JVM, headless Monocle, software rendering)
                    time to first paint (sign-in click to first rows shown): %d ms
                    of which the server's first page of 200 alone (measured afterwards): %d ms
                    time until all %d conversations are in the list: %d ms
                    scrolling the whole list in %d jumps of 250 rows, with layout: %d ms total, %.1f ms per jump
                    heap used after GC before sign-in: %d MiB, after loading: %d MiB (difference %d MiB)
                    process RSS after loading: %s
                    processors: %d, load average at the end: %s (other work on the machine inflates every figure)
                    """, CONVERSATIONS, firstPaint / 1_000_000, firstPage / 1_000_000, CONVERSATIONS, allLoaded / 1_000_000, steps,
                    scroll / 1_000_000, scroll / 1e6 / steps, heapBefore >> 20, heapAfter >> 20,
                    (heapAfter - heapBefore) >> 20, rss(), Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String rss() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown (no /proc)";
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring(6).trim()).findFirst().orElse("unknown");
    }
}
