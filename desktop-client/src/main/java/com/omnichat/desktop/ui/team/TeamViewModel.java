package com.omnichat.desktop.ui.team;

import com.omnichat.desktop.api.CreatedUser;
import com.omnichat.desktop.api.StaffUser;
import com.omnichat.desktop.model.FailureMessages;
import com.omnichat.desktop.model.Workspace;
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

    public TeamViewModel(Workspace workspace) {
        this.workspace = workspace;
        reload();
    }

    public ObservableList<StaffUser> users() {
        return users;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public void reload() {
        workspace.users().whenComplete((list, error) -> {
            if (error != null) {
                message.set(FailureMessages.describe(error));
            } else {
                users.setAll(list);
            }
        });
    }

    public void create(String email, String name, String role) {
        workspace.createUser(email.trim(), name.trim(), role).whenComplete((created, error) -> {
            if (error != null) {
                message.set(FailureMessages.describe(error));
                return;
            }
            message.set(initialPassword(created));
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
        workspace.resetPassword(user.id()).whenComplete((password, error) ->
                message.set(error != null ? FailureMessages.describe(error)
                        : "New password for " + user.email() + ": " + password));
    }

    private void change(StaffUser user, Map<String, Object> change, String done) {
        workspace.updateUser(user.id(), change).whenComplete((updated, error) -> {
            message.set(error != null ? FailureMessages.describe(error) : done);
            reload();
        });
    }
}
