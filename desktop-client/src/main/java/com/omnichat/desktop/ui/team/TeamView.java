package com.omnichat.desktop.ui.team;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.api.StaffUser;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Function;

/** Users of the tenant in a table, a form to add one, and per-row actions. */
public final class TeamView extends VBox {
    private final TeamViewModel model;

    public TeamView(TeamViewModel model) {
        this.model = model;
        getStyleClass().add("team-screen");
        setSpacing(12);
        Label title = new Label("Team");
        title.getStyleClass().add(Styles.TITLE_3);

        TableView<StaffUser> table = new TableView<>(model.users());
        table.setId("teamTable");
        // Role, status and actions have a known width; the spare width goes to name and email.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("Loading the team…"));
        table.getColumns().add(column("Name", u -> model.isSelf(u) ? u.name() + " (you)" : u.name(), 200));
        table.getColumns().add(column("Email", StaffUser::email, 260));
        table.getColumns().add(fixed(column("Role", StaffUser::role, 80)));
        table.getColumns().add(fixed(column("Status",
                u -> !u.active() ? "deactivated" : u.online() ? "online" : "active", 110)));
        TableColumn<StaffUser, StaffUser> actions = new TableColumn<>("");
        actions.setCellValueFactory(cell -> new SimpleObjectProperty<>(cell.getValue()));
        actions.setCellFactory(column -> new ActionsCell());
        actions.setPrefWidth(300);
        actions.setSortable(false);
        table.getColumns().add(fixed(actions));
        VBox.setVgrow(table, Priority.ALWAYS);

        TextField email = new TextField();
        email.setId("newUserEmail");
        email.setPromptText("Email");
        email.setPrefColumnCount(18);
        TextField name = new TextField();
        name.setId("newUserName");
        name.setPromptText("Name");
        name.setPrefColumnCount(14);
        ComboBox<String> role = new ComboBox<>();
        role.setId("newUserRole");
        role.getItems().addAll("staff", "admin");
        role.setValue("staff");
        Button add = new Button("Add user", new FontIcon(FontAwesomeSolid.USER_PLUS));
        add.setId("addUser");
        add.getStyleClass().add(Styles.ACCENT);
        add.disableProperty().bind(email.textProperty().isEmpty().or(name.textProperty().isEmpty()));
        add.setOnAction(event -> {
            model.create(email.getText(), name.getText(), role.getValue());
            email.clear();
            name.clear();
        });
        HBox form = new HBox(8, email, name, role, add);
        form.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("teamMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        model.failedProperty().addListener((obs, was, failed) -> message.pseudoClassStateChanged(Styles.STATE_DANGER,
                failed));
        // A generated password is handed over by the admin, so it must be easy to copy exactly.
        Button copy = new Button("Copy password", new FontIcon(FontAwesomeSolid.COPY));
        copy.setId("copyPassword");
        copy.getStyleClass().add(Styles.SMALL);
        copy.visibleProperty().bind(model.passwordProperty().isNotNull());
        copy.managedProperty().bind(copy.visibleProperty());
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.passwordProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox feedback = new HBox(8, message, copy);
        feedback.setAlignment(Pos.CENTER_LEFT);
        feedback.managedProperty().bind(model.messageProperty().isNotEmpty());
        feedback.visibleProperty().bind(feedback.managedProperty());
        getChildren().addAll(title, form, feedback, table);
    }

    private static TableColumn<StaffUser, String> column(String name, Function<StaffUser, String> value, double width) {
        TableColumn<StaffUser, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(width * 0.6);
        return column;
    }

    private static <T> TableColumn<StaffUser, T> fixed(TableColumn<StaffUser, T> column) {
        column.setMinWidth(column.getPrefWidth());
        column.setMaxWidth(column.getPrefWidth());
        return column;
    }

    /** Asks before an action that locks someone out or replaces their password; true when the admin agreed. */
    private boolean confirm(String header, String text, String action) {
        ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.CANCEL, go);
        alert.setHeaderText(header);
        alert.initOwner(getScene().getWindow());
        alert.getDialogPane().lookupButton(go).setId("confirmAction");
        alert.getDialogPane().lookupButton(ButtonType.CANCEL).setId("cancelAction");
        return alert.showAndWait().filter(go::equals).isPresent();
    }

    private final class ActionsCell extends TableCell<StaffUser, StaffUser> {
        @Override
        protected void updateItem(StaffUser user, boolean empty) {
            super.updateItem(user, empty);
            if (empty || user == null) {
                setGraphic(null);
                return;
            }
            boolean admin = "admin".equals(user.role());
            Button role = small("role", admin ? "Make staff" : "Make admin",
                    () -> model.setRole(user, admin ? "staff" : "admin"));
            Button active = small("active", user.active() ? "Deactivate" : "Activate", () -> {
                if (!user.active()) {
                    model.setActive(user, true);
                } else if (confirm("Deactivate " + user.email() + "?", user.name() + " is signed out at once and "
                        + "can no longer sign in. You can activate the account again later.", "Deactivate")) {
                    model.setActive(user, false);
                }
            });
            if (user.active()) {
                active.getStyleClass().add(Styles.DANGER);
            }
            Button reset = small("reset", "Reset password", () -> {
                if (confirm("Reset the password of " + user.email() + "?", "Their current password stops working "
                        + "and they are signed out everywhere. You get a new password to hand over.",
                        "Reset password")) {
                    model.resetPassword(user);
                }
            });
            HBox buttons = new HBox(6, role, active, reset);
            buttons.setAlignment(Pos.CENTER_LEFT);
            if (model.isSelf(user)) {
                role.setDisable(true);
                active.setDisable(true);
                reset.setDisable(true);
                // A disabled button shows no tooltip of its own, so the row of buttons carries it.
                Tooltip.install(buttons, new Tooltip("This is your own account: ask another admin to change its "
                        + "role, deactivate it or reset its password."));
            }
            setGraphic(buttons);
        }

        /** Ids like {@code reset-7}: the action and the user's id, so a test can press the one of a given row. */
        private Button small(String action, String text, Runnable run) {
            Button button = new Button(text);
            button.setId(action + "-" + getItem().id());
            button.getStyleClass().add(Styles.SMALL);
            button.setOnAction(event -> run.run());
            return button;
        }
    }
}
