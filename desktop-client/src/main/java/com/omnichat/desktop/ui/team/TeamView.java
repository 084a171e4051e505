package com.omnichat.desktop.ui.team;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.api.StaffUser;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;

/** Users of the tenant in a table, a form to add one, and per-row actions. */
public final class TeamView extends VBox {
    public TeamView(TeamViewModel model) {
        getStyleClass().add("team-screen");
        setSpacing(12);
        Label title = new Label("Team");
        title.getStyleClass().add(Styles.TITLE_3);

        TableView<StaffUser> table = new TableView<>(model.users());
        table.setId("teamTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Name", StaffUser::name));
        table.getColumns().add(column("Email", StaffUser::email));
        table.getColumns().add(column("Role", StaffUser::role));
        table.getColumns().add(column("Status", u -> !u.active() ? "deactivated" : u.online() ? "online" : "active"));
        TableColumn<StaffUser, StaffUser> actions = new TableColumn<>("");
        actions.setCellValueFactory(cell -> new SimpleObjectProperty<>(cell.getValue()));
        actions.setCellFactory(column -> new ActionsCell(model));
        actions.setMinWidth(300);
        table.getColumns().add(actions);
        VBox.setVgrow(table, Priority.ALWAYS);

        TextField email = new TextField();
        email.setId("newUserEmail");
        email.setPromptText("Email");
        TextField name = new TextField();
        name.setId("newUserName");
        name.setPromptText("Name");
        ComboBox<String> role = new ComboBox<>();
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
        getChildren().addAll(title, form, message, table);
    }

    private static TableColumn<StaffUser, String> column(String name, Function<StaffUser, String> value) {
        TableColumn<StaffUser, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return column;
    }

    private static final class ActionsCell extends TableCell<StaffUser, StaffUser> {
        private final TeamViewModel model;

        ActionsCell(TeamViewModel model) {
            this.model = model;
        }

        @Override
        protected void updateItem(StaffUser user, boolean empty) {
            super.updateItem(user, empty);
            if (empty || user == null) {
                setGraphic(null);
                return;
            }
            boolean admin = "admin".equals(user.role());
            Button role = small(admin ? "Make staff" : "Make admin", () -> model.setRole(user, admin ? "staff" : "admin"));
            Button active = small(user.active() ? "Deactivate" : "Activate", () -> model.setActive(user, !user.active()));
            if (user.active()) {
                active.getStyleClass().add(Styles.DANGER);
            }
            Button reset = small("Reset password", () -> model.resetPassword(user));
            setGraphic(new HBox(6, role, active, reset));
        }

        private static Button small(String text, Runnable action) {
            Button button = new Button(text);
            button.getStyleClass().add(Styles.SMALL);
            button.setOnAction(event -> action.run());
            return button;
        }
    }
}
