package com.omnichat.desktop.ui.history;

import com.omnichat.desktop.api.HistoryItem;
import com.omnichat.desktop.api.TimeRange;
import com.omnichat.desktop.model.FailureMessages;
import com.omnichat.desktop.model.History;
import com.omnichat.desktop.model.Workspace;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ProgressIndicator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * The admin's history: closed conversations and archived followups between two dates of the computer's calendar
 * (both days included), page by page, and the CSV export of the same dates with its progress.
 */
public final class HistoryViewModel {
    static final int PAGE = 50;
    /** What can be exported, as the server names it. */
    public static final List<String> EXPORT_KINDS = List.of("conversations", "messages", "followups");

    private final History history;
    private final SaveLocation saveLocation;
    private final ZoneId zone;
    private final ObservableList<HistoryItem> items = FXCollections.observableArrayList();
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final BooleanProperty hasMore = new SimpleBooleanProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty exportKind = new SimpleStringProperty(EXPORT_KINDS.get(0));
    private final BooleanProperty exporting = new SimpleBooleanProperty();
    private final DoubleProperty exportProgress = new SimpleDoubleProperty(0);
    private final StringProperty exportStatus = new SimpleStringProperty("");
    private String nextCursor;
    private int generation;
    private History.Export running;

    public HistoryViewModel(Workspace workspace, SaveLocation saveLocation) {
        this.history = new History(workspace);
        this.saveLocation = saveLocation;
        this.zone = ZoneId.systemDefault();
        from.addListener((obs, was, now) -> reload());
        to.addListener((obs, was, now) -> reload());
    }

    public ObservableList<HistoryItem> items() {
        return items;
    }

    /** First day shown (null: from the beginning). */
    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    /** Last day shown, included (null: up to now). */
    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public BooleanProperty hasMoreProperty() {
        return hasMore;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty exportKindProperty() {
        return exportKind;
    }

    public BooleanProperty exportingProperty() {
        return exporting;
    }

    /** 0 to 1, or {@link ProgressIndicator#INDETERMINATE_PROGRESS} while the size is not known. */
    public DoubleProperty exportProgressProperty() {
        return exportProgress;
    }

    public StringProperty exportStatusProperty() {
        return exportStatus;
    }

    public void clearDates() {
        from.set(null);
        to.set(null);
    }

    /** Reads the first page for the chosen dates; an answer to an earlier choice is dropped when it arrives. */
    public void reload() {
        Optional<TimeRange> range = range();
        int current = ++generation;
        items.clear();
        hasMore.set(false);
        nextCursor = null;
        if (range.isEmpty()) {
            message.set("The last day is before the first day.");
            return;
        }
        message.set("");
        load(range.get(), null, current);
    }

    public void loadMore() {
        range().filter(range -> nextCursor != null && !loading.get())
                .ifPresent(range -> load(range, nextCursor, generation));
    }

    private void load(TimeRange range, String cursor, int current) {
        loading.set(true);
        history.page(range, cursor, PAGE).whenComplete((page, error) -> {
            if (current != generation) {
                return;
            }
            loading.set(false);
            if (error != null) {
                message.set("Could not load history: " + FailureMessages.describe(error));
                return;
            }
            items.addAll(page.data());
            nextCursor = page.nextCursor();
            hasMore.set(nextCursor != null);
        });
    }

    /** The dates as instants: from the start of the first day to the start of the day after the last. */
    private Optional<TimeRange> range() {
        LocalDate first = from.get();
        LocalDate last = to.get();
        if (first != null && last != null && last.isBefore(first)) {
            return Optional.empty();
        }
        return Optional.of(new TimeRange(first == null ? null : first.atStartOfDay(zone).toInstant(),
                last == null ? null : last.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    /** Asks where to save, then streams the export there; the dates filter by creation time, as the server does. */
    public void export() {
        Optional<TimeRange> range = range();
        if (exporting.get()) {
            return;
        }
        if (range.isEmpty()) {
            exportStatus.set("The last day is before the first day; nothing to export.");
            return;
        }
        String kind = exportKind.get();
        Optional<Path> target = saveLocation.choose(suggestedName(kind));
        if (target.isEmpty()) {
            return;
        }
        exporting.set(true);
        exportProgress.set(ProgressIndicator.INDETERMINATE_PROGRESS);
        exportStatus.set("Exporting " + kind + "…");
        History.Export export = history.export(kind, range.get(), target.get(), this::progress);
        running = export;
        export.done().whenComplete((result, error) -> {
            if (running != export) {
                return;
            }
            running = null;
            exporting.set(false);
            if (error == null) {
                exportProgress.set(1);
                exportStatus.set("Exported " + rows(result.rows()) + " (" + size(result.bytes()) + ") to "
                        + result.file());
            } else {
                exportProgress.set(0);
                exportStatus.set(cancelled(error) ? "Export cancelled; no file was written."
                        : "Export failed: " + FailureMessages.describe(error) + " No file was written.");
            }
        });
    }

    public void cancelExport() {
        if (running != null) {
            running.cancel().run();
        }
    }

    private void progress(History.Progress progress) {
        if (running == null) {
            return;
        }
        if (progress.totalBytes() > 0) {
            exportProgress.set((double) progress.bytes() / progress.totalBytes());
        }
        exportStatus.set("Exporting " + exportKind.get() + "… " + rows(progress.rows()) + " ("
                + size(progress.bytes()) + ")");
    }

    /** The server's own naming: {@code <kind>-<first day or all>-<last day or now>.csv}. */
    String suggestedName(String kind) {
        return kind + "-" + (from.get() == null ? "all" : from.get()) + "-" + (to.get() == null ? "now" : to.get())
                + ".csv";
    }

    private static boolean cancelled(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof CancellationException;
    }

    private static String rows(long rows) {
        return rows == 1 ? "1 row" : String.format("%,d rows", rows);
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? String.format("%.1f KB", bytes / 1024.0)
                : String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
}
