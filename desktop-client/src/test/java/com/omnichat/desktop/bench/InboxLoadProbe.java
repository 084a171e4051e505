package com.omnichat.desktop.bench;

import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.protocol.ConversationView;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import javafx.scene.control.ListView;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The app side of {@link InboxLoadBenchmark}, run in a JVM of its own so that its memory figures are the app's: signs
 * in to the server given, waits for every conversation, scrolls the list and writes the figures to the file given.
 * Arguments: server URL, number of conversations, output file.
 */
public final class InboxLoadProbe {
    private InboxLoadProbe() {
    }

    public static void main(String[] args) throws Exception {
        String serverUrl = args[0];
        int conversations = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        try (DesktopDriver desktop = DesktopDriver.start()) {
            measure(desktop, serverUrl, conversations, out);
        }
        System.exit(0);
    }

    private static void measure(DesktopDriver desktop, String serverUrl, int count, Path out) throws Exception {
        System.gc();
        long heapBefore = usedHeap();
        String rssBefore = rss(ProcessHandle.current().pid());
        long start = System.nanoTime();
        desktop.signIn(serverUrl, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.waitFor("the first rows", () -> desktop.exists("#conversationList") && !desktop.inboxRows().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        long firstPaint = System.nanoTime() - start;
        desktop.waitFor("all conversations", () -> desktop.workspace() != null
                && DesktopDriver.onFx(() -> desktop.workspace().inbox().conversations().size()) == count);
        WaitForAsyncUtils.waitForFxEvents();
        long allLoaded = System.nanoTime() - start;

        long scrollStart = System.nanoTime();
        int steps = 0;
        for (int row = 0; row < count; row += 250, steps++) {
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
        Api api = new Api(serverUrl);
        String token = api.loginAdmin();
        long pageStart = System.nanoTime();
        api.get("/api/v1/conversations?limit=200", token);
        long firstPage = System.nanoTime() - pageStart;
        System.gc();
        long heapAfter = usedHeap();

        if (desktop.inboxRows().size() != count) {
            throw new IllegalStateException("the list shows " + desktop.inboxRows().size() + " of " + count);
        }
        Files.writeString(out, String.format(Locale.ROOT, """
                Desktop inbox with %d conversations (the app alone in a JVM of its own with the options of
                desktop-client/app-jvm-options, headless Monocle, software rendering; the server in the benchmark's
                JVM on the same machine)
                time to first paint (sign-in click to first rows shown): %d ms
                of which the server's first page of 200 alone (measured afterwards): %d ms
                time until all %d conversations are in the list: %d ms
                scrolling the whole list in %d jumps of 250 rows, with layout: %d ms total, %.1f ms per jump
                heap used after GC before sign-in: %d MiB, after loading: %d MiB (difference %d MiB)
                app process RSS before sign-in (toolkit started): %s, after loading and scrolling: %s (target: under 200 MB)
                processors: %d, load average at the end: %s (other work on the machine inflates every figure)
                """, count, firstPaint / 1_000_000, firstPage / 1_000_000, count,
                allLoaded / 1_000_000, steps, scroll / 1_000_000, scroll / 1e6 / steps, heapBefore >> 20,
                heapAfter >> 20, (heapAfter - heapBefore) >> 20, rssBefore, rss(ProcessHandle.current().pid()),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String rss(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return "unknown (no /proc)";
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring(6).trim()).findFirst().orElse("unknown");
    }
}
