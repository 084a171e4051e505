package com.omnichat.desktop.ui.followups;

import com.omnichat.desktop.api.ApiFailure;
import com.omnichat.desktop.api.Followup;
import com.omnichat.desktop.model.FailureMessages;
import com.omnichat.desktop.model.Followups;
import com.omnichat.desktop.model.Workspace;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.util.concurrent.CompletionException;

/** The admin's followups screen: the open followups, mark one viewed, archive one into history. */
public final class FollowupsViewModel {
    private final Followups followups;
    private final StringProperty message = new SimpleStringProperty("");

    public FollowupsViewModel(Workspace workspace) {
        this.followups = workspace.followups();
    }

    public ObservableList<Followup> followups() {
        return followups.open();
    }

    public ReadOnlyLongProperty unviewedCountProperty() {
        return followups.unviewedCountProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return followups.hasMoreProperty();
    }

    /** What the last action did, or why it failed, in words. */
    public StringProperty messageProperty() {
        return message;
    }

    /** Reads the list and the count again (the screen was opened, or the admin asked). */
    public void refresh() {
        followups.reload().whenComplete((done, error) -> {
            if (error != null) {
                message.set("Could not load followups: " + FailureMessages.describe(error));
            }
        });
    }

    public void loadMore() {
        followups.loadMore().whenComplete((done, error) -> {
            if (error != null) {
                message.set("Could not load more followups: " + FailureMessages.describe(error));
            }
        });
    }

    public void markViewed(Followup followup) {
        followups.markViewed(followup).whenComplete((viewed, error) ->
                message.set(error == null ? "Marked the followup of " + followup.displayName() + " as viewed."
                        : failed(followup, error)));
    }

    public void archive(Followup followup) {
        followups.archive(followup).whenComplete((archived, error) ->
                message.set(error == null ? "Archived the followup of " + followup.displayName() + "; it is in History."
                        : failed(followup, error)));
    }

    /** A followup archived meanwhile (by another admin) is gone: say so and show the list as it is now. */
    private String failed(Followup followup, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ApiFailure failure && failure.kind() == ApiFailure.Kind.NOT_FOUND) {
            refresh();
            return "The followup of " + followup.displayName() + " was already archived or deleted.";
        }
        return "Could not change the followup of " + followup.displayName() + ": " + FailureMessages.describe(error);
    }
}
