package com.omnichat.desktop.model;

import com.omnichat.desktop.api.CsvExport;
import com.omnichat.desktop.api.HistoryApi;
import com.omnichat.desktop.api.HistoryPage;
import com.omnichat.desktop.api.TimeRange;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/** The history reads and CSV exports of the admin's history screen, run off the FX thread through the workspace. */
public final class History {
    private final Workspace workspace;

    public History(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Completes on the FX thread; the next page when {@code cursor} is given. */
    public CompletableFuture<HistoryPage> page(TimeRange range, String cursor, int limit) {
        return workspace.request(http -> new HistoryApi(http).page(range, cursor, limit));
    }

    /** Where a running export has got to: bytes and rows so far, the total size when known (else -1). */
    public record Progress(long bytes, long totalBytes, long rows) {
    }

    /**
     * An export under way: {@code done} completes on the FX thread, {@code cancel} may be called at any time; the end
     * of the session cancels it too, so no file is written for a signed-out user.
     */
    public record Export(CompletableFuture<CsvExport.Result> done, Runnable cancel) {
    }

    /**
     * Streams the CSV of {@code kind} to {@code target}. Progress arrives on the FX thread, at most one update per
     * pulse however fast the chunks come.
     */
    public Export export(String kind, TimeRange range, Path target, java.util.function.Consumer<Progress> onProgress) {
        AtomicReference<Progress> latest = new AtomicReference<>();
        CsvExport export = new CsvExport(kind, range, target, (bytes, total, rows) -> {
            if (latest.getAndSet(new Progress(bytes, total, rows)) == null) {
                workspace.onFx(() -> onProgress.accept(latest.getAndSet(null)));
            }
        });
        Runnable finished = workspace.stopWhenSessionEnds(export::cancel);
        CompletableFuture<CsvExport.Result> done = workspace.request(export::run);
        done.whenComplete((result, failure) -> finished.run());
        return new Export(done, export::cancel);
    }
}
