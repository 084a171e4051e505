package com.omnichat.desktop.model;

import com.omnichat.desktop.api.Followup;
import com.omnichat.desktop.api.FollowupPage;
import com.omnichat.desktop.api.FollowupsApi;
import com.omnichat.desktop.api.HttpJson;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The admin's followups: those not archived yet, newest first, and the tenant's unviewed count for the rail badge.
 * Kept current from the staff stream's {@code followup.created}/{@code followup.updated} events; the count is read
 * again from the server after each change rather than counted here, so it cannot drift. Changed on the FX thread.
 */
public final class Followups {
    static final int PAGE = 100;

    private final Workspace workspace;
    private final ObservableList<Followup> open = FXCollections.observableArrayList();
    private final LongProperty unviewedCount = new SimpleLongProperty();
    private final BooleanProperty hasMore = new SimpleBooleanProperty();
    private String nextCursor;
    private int listGeneration;
    private int countRequests;
    private int countShown;

    Followups(Workspace workspace) {
        this.workspace = workspace;
    }

    public ObservableList<Followup> open() {
        return open;
    }

    public ReadOnlyLongProperty unviewedCountProperty() {
        return unviewedCount;
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore;
    }

    /** Reads the first page and the count again; a page still loading from before is dropped when it arrives. */
    public CompletableFuture<Void> reload() {
        int generation = ++listGeneration;
        int request = ++countRequests;
        return workspace.request(http -> new FollowupsApi(http).open(null, PAGE)).thenAccept(page -> {
            showCount(request, page.unviewedCount());
            if (generation == listGeneration) {
                open.setAll(page.data());
                showMore(page);
            }
        });
    }

    public CompletableFuture<Void> loadMore() {
        if (nextCursor == null) {
            return CompletableFuture.completedFuture(null);
        }
        int generation = listGeneration;
        String cursor = nextCursor;
        return workspace.request(http -> new FollowupsApi(http).open(cursor, PAGE)).thenAccept(page -> {
            if (generation == listGeneration) {
                // A followup that arrived live while the page was read may be on it too: each id is listed once.
                page.data().forEach(followup -> open.removeIf(shown -> shown.id().equals(followup.id())));
                open.addAll(page.data().stream().filter(followup -> !followup.archived()).toList());
                showMore(page);
            }
        });
    }

    public CompletableFuture<Void> refreshCount() {
        int request = ++countRequests;
        return workspace.request(http -> new FollowupsApi(http).unviewedCount())
                .thenAccept(count -> showCount(request, count));
    }

    public CompletableFuture<Followup> markViewed(Followup followup) {
        return change(http -> new FollowupsApi(http).view(followup.id()));
    }

    /** Archives it into history; it leaves this list. */
    public CompletableFuture<Followup> archive(Followup followup) {
        return change(http -> new FollowupsApi(http).archive(followup.id()));
    }

    private CompletableFuture<Followup> change(Function<HttpJson, Followup> call) {
        return workspace.request(call).thenApply(changed -> {
            upsert(changed);
            refreshCount();
            return changed;
        });
    }

    /** A followup event of the staff stream (admins only) carries the followup as it is now. */
    void changed(Followup followup) {
        upsert(followup);
        refreshCount();
    }

    /** Places it by submission time, replaces the row of the same id, or removes it once archived. */
    private void upsert(Followup followup) {
        open.removeIf(shown -> shown.id().equals(followup.id()));
        if (followup.archived()) {
            return;
        }
        Comparator<Followup> newestFirst = Comparator.comparing(Followup::createdAt).reversed();
        int at = 0;
        while (at < open.size() && newestFirst.compare(open.get(at), followup) <= 0) {
            at++;
        }
        // Older than everything loaded while more pages wait: it belongs to a page not read yet.
        if (at < open.size() || !hasMore.get()) {
            open.add(at, followup);
        }
    }

    private void showMore(FollowupPage page) {
        nextCursor = page.nextCursor();
        hasMore.set(nextCursor != null);
    }

    /** Answers can overtake each other; an older answer never replaces a newer one. */
    private void showCount(int request, long count) {
        if (request > countShown) {
            countShown = request;
            unviewedCount.set(count);
        }
    }
}
