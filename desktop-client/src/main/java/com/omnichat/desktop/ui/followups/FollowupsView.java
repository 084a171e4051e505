package com.omnichat.desktop.ui.followups;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.api.Followup;
import com.omnichat.desktop.ui.ChannelIcons;
import com.omnichat.desktop.ui.RelativeTime;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Function;

/**
 * Followups waiting for an admin, newest first; unviewed ones are marked "New" and set in bold. Each row can be
 * marked viewed or archived. The list is read again whenever the screen is shown.
 */
public final class FollowupsView extends VBox {
    public FollowupsView(FollowupsViewModel model, RelativeTime time) {
        getStyleClass().add("followups-screen");
        setSpacing(12);
        Label title = new Label("Followups");
        title.getStyleClass().add(Styles.TITLE_3);
        Label unviewed = new Label();
        unviewed.setId("followupsUnviewed");
        unviewed.getStyleClass().add(Styles.TEXT_MUTED);
        unviewed.textProperty().bind(Bindings.createStringBinding(
                () -> model.unviewedCountProperty().get() + " unviewed", model.unviewedCountProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button("Refresh", new FontIcon(FontAwesomeSolid.SYNC_ALT));
        refresh.setId("followupsRefresh");
        refresh.setOnAction(event -> model.refresh());
        HBox header = new HBox(12, title, unviewed, spacer, refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("followupsMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());

        TableView<Followup> table = new TableView<>(model.followups());
        table.setId("followupsTable");
        table.setPlaceholder(new Label("No followups are waiting."));
        // Fixed columns hold what always has the same width; the spare width goes to name, contact and message.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setRowFactory(view -> new UnviewedRow());
        TableColumn<Followup, Followup> state = new TableColumn<>("");
        state.setCellValueFactory(cell -> new SimpleObjectProperty<>(cell.getValue()));
        state.setCellFactory(column -> new StateCell());
        state.setMinWidth(56);
        state.setMaxWidth(56);
        table.getColumns().add(state);
        table.getColumns().add(atLeast(column("Name", Followup::displayName, 160)));
        table.getColumns().add(atLeast(column("Email / phone", Followup::contactDetails, 190)));
        table.getColumns().add(fixed(column("Channel", f -> ChannelIcons.label(f.channel()), 95)));
        TableColumn<Followup, String> text = column("Message", f -> f.message() == null ? "" : f.message(), 300);
        text.setCellFactory(column -> new MessageCell());
        table.getColumns().add(text);
        // Wide enough for the date in bold, as unviewed rows draw it.
        table.getColumns().add(fixed(column("Received", f -> time.dateTime(f.createdAt()), 180)));
        TableColumn<Followup, Followup> actions = new TableColumn<>("");
        actions.setCellValueFactory(cell -> new SimpleObjectProperty<>(cell.getValue()));
        actions.setCellFactory(column -> new ActionsCell(model));
        actions.setPrefWidth(232);
        actions.setSortable(false);
        table.getColumns().add(fixed(actions));
        VBox.setVgrow(table, Priority.ALWAYS);

        Button more = new Button("Load more");
        more.setId("followupsMore");
        more.visibleProperty().bind(model.hasMoreProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.setOnAction(event -> model.loadMore());

        getChildren().addAll(header, message, table, more);
        // Built once and kept; shown again when its rail button is chosen, which is when the list should be fresh.
        parentProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.refresh();
            }
        });
    }

    private static TableColumn<Followup, String> column(String name, Function<Followup, String> value, double width) {
        TableColumn<Followup, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** Names and addresses are read whole: the message column gives way first. */
    private static <T> TableColumn<Followup, T> atLeast(TableColumn<Followup, T> column) {
        column.setMinWidth(column.getPrefWidth());
        return column;
    }

    private static <T> TableColumn<Followup, T> fixed(TableColumn<Followup, T> column) {
        column.setMinWidth(column.getPrefWidth());
        column.setMaxWidth(column.getPrefWidth());
        return column;
    }

    /** Unviewed rows stand out (style class {@code followup-unviewed}). */
    private static final class UnviewedRow extends TableRow<Followup> {
        @Override
        protected void updateItem(Followup followup, boolean empty) {
            super.updateItem(followup, empty);
            getStyleClass().remove("followup-unviewed");
            if (!empty && followup != null && !followup.viewed()) {
                getStyleClass().add("followup-unviewed");
            }
        }
    }

    private static final class StateCell extends TableCell<Followup, Followup> {
        @Override
        protected void updateItem(Followup followup, boolean empty) {
            super.updateItem(followup, empty);
            if (empty || followup == null || followup.viewed()) {
                setGraphic(null);
                return;
            }
            Label tag = new Label("New");
            tag.getStyleClass().add("followup-new");
            setGraphic(tag);
        }
    }

    /** The whole message in a tooltip: the column shows what fits. */
    private static final class MessageCell extends TableCell<Followup, String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
        }
    }

    private static final class ActionsCell extends TableCell<Followup, Followup> {
        private final FollowupsViewModel model;

        ActionsCell(FollowupsViewModel model) {
            this.model = model;
        }

        @Override
        protected void updateItem(Followup followup, boolean empty) {
            super.updateItem(followup, empty);
            if (empty || followup == null) {
                setGraphic(null);
                return;
            }
            Button view = new Button("Mark viewed", new FontIcon(FontAwesomeSolid.CHECK));
            view.setId("markViewed-" + followup.id());
            view.getStyleClass().add(Styles.SMALL);
            view.setDisable(followup.viewed());
            view.setOnAction(event -> model.markViewed(followup));
            Button archive = new Button("Archive", new FontIcon(FontAwesomeSolid.ARCHIVE));
            archive.setId("archive-" + followup.id());
            archive.getStyleClass().add(Styles.SMALL);
            archive.setOnAction(event -> model.archive(followup));
            HBox buttons = new HBox(6, view, archive);
            buttons.setAlignment(Pos.CENTER_LEFT);
            setGraphic(buttons);
        }
    }
}
