package com.omnichat.desktop.ui.team;

import com.omnichat.desktop.api.CreatedUser;
import com.omnichat.desktop.api.StaffUser;
import com.omnichat.desktop.model.FailureMessages;
import com.omnichat.desktop.model.Workspace;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Map;

/** The admin's team screen: list users, add one, change a role, deactivate, reset a password. */
public final class TeamViewModel {
    private final Workspace workspace;
    private final ObservableList<StaffUser> users = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty failed = new SimpleBooleanProperty();
    private final StringProperty password = new SimpleStringProperty();

    public TeamViewModel(Workspace workspace) {
        this.workspace = workspace;
        reload();
    }

    public ObservableList<StaffUser> users() {
        return users;
    }

    /** What the last action did, or the server's reason for refusing it. */
    public StringProperty messageProperty() {
        return message;
    }

    /** Whether {@link #messageProperty()} reports a failure (shown in the danger colour). */
    public BooleanProperty failedProperty() {
        return failed;
    }

    /** The password the last create or reset generated, to copy and hand over; null when there is none. */
    public StringProperty passwordProperty() {
        return password;
    }

    /**
     * The signed-in admin's own row. Demoting or deactivating oneself would take away the screen one is using (and
     * deactivation signs one out), and resetting one's own password revokes the session that shows the new one; the
     * server allows all three while another admin is left, so the screen keeps them off that row.
     */
    public boolean isSelf(StaffUser user) {
        return Long.toString(workspace.me().id()).equals(user.id());
    }

    public void reload() {
        workspace.users().whenComplete((list, error) -> {
            if (error != null) {
                fail(error);
            } else {
                users.setAll(list);
            }
        });
    }

    public void create(String email, String name, String role) {
        workspace.createUser(email.trim(), name.trim(), role).whenComplete((created, error) -> {
            if (error != null) {
                fail(error);
                return;
            }
            done(initialPassword(created), created.initialPassword());
            reload();
        });
    }

    private static String initialPassword(CreatedUser created) {
        return created.initialPassword() == null ? "Added " + created.user().email()
                : "Added " + created.user().email() + " — initial password: " + created.initialPassword();
    }

    public void setRole(StaffUser user, String role) {
        change(user, Map.of("role", role), "Role of " + user.email() + " is now " + role);
    }

    public void setActive(StaffUser user, boolean active) {
        change(user, Map.of("active", active), user.email() + (active ? " can sign in again" : " is deactivated"));
    }

    public void resetPassword(StaffUser user) {
        workspace.resetPassword(user.id()).whenComplete((generated, error) -> {
            if (error != null) {
                fail(error);
            } else {
                done("New password for " + user.email() + ": " + generated, generated);
            }
        });
    }

    private void change(StaffUser user, Map<String, Object> change, String text) {
        workspace.updateUser(user.id(), change).whenComplete((updated, error) -> {
            if (error != null) {
                fail(error);
            } else {
                done(text, null);
            }
            // Also after a refusal: the row may be stale (another admin changed it meanwhile).
            reload();
        });
    }

    private void done(String text, String generatedPassword) {
        failed.set(false);
        password.set(generatedPassword);
        message.set(text);
    }

    private void fail(Throwable error) {
        failed.set(true);
        password.set(null);
        message.set(FailureMessages.describe(error));
    }
}
