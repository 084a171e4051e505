package com.omnichat.desktop.ui.history;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.api.Followup;
import com.omnichat.desktop.api.HistoryItem;
import com.omnichat.desktop.ui.ChannelIcons;
import com.omnichat.desktop.ui.RelativeTime;
import com.omnichat.protocol.ConversationView;
import javafx.scene.input.KeyCode;
import javafx.scene.control.TableRow;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Closed conversations and archived followups between two dates, newest first, and the CSV export. A conversation
 * opens with a double click or Enter, to read it in full or reopen it.
 */
public final class HistoryView extends VBox {
    public HistoryView(HistoryViewModel model, RelativeTime time, Consumer<ConversationView> openConversation) {
        getStyleClass().add("history-screen");
        setSpacing(12);
        Label title = new Label("History");
        title.getStyleClass().add(Styles.TITLE_3);

        DatePicker from = new DatePicker();
        from.setId("historyFrom");
        from.setPromptText("From");
        from.valueProperty().bindBidirectional(model.fromProperty());
        DatePicker to = new DatePicker();
        to.setId("historyTo");
        to.setPromptText("To");
        to.valueProperty().bindBidirectional(model.toProperty());
        Button clear = new Button("All dates");
        clear.setId("historyClear");
        clear.setOnAction(event -> model.clearDates());
        Button refresh = new Button(null, new FontIcon(FontAwesomeSolid.SYNC_ALT));
        refresh.setId("historyRefresh");
        refresh.getStyleClass().add(Styles.BUTTON_ICON);
        refresh.setTooltip(new Tooltip("Read again"));
        refresh.setOnAction(event -> model.reload());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox filters = new HBox(8, title, spacer, new Label("Closed or archived from"), from, new Label("to"), to,
                clear, refresh);
        filters.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("historyMessage");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());

        TableView<HistoryItem> table = new TableView<>(model.items());
        table.setId("historyTable");
        table.setPlaceholder(new Label("Nothing was closed or archived on these dates."));
        table.setRowFactory(view -> {
            TableRow<HistoryItem> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                    openIfConversation(row.getItem(), openConversation);
                }
            });
            return row;
        });
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                openIfConversation(table.getSelectionModel().getSelectedItem(), openConversation);
            }
        });
        // Fixed columns hold what always has the same width; the spare width goes to contact, staff and message.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<HistoryItem, HistoryItem> kind = new TableColumn<>("Kind");
        kind.setCellValueFactory(cell -> new SimpleObjectProperty<>(cell.getValue()));
        kind.setCellFactory(column -> new KindCell());
        kind.setPrefWidth(150);
        table.getColumns().add(fixed(kind));
        table.getColumns().add(fixed(column("When", item -> time.dateTime(item.at()), 160)));
        table.getColumns().add(column("Contact", HistoryView::contact, 240));
        table.getColumns().add(fixed(column("Channel", item -> ChannelIcons.label(channel(item)), 100)));
        table.getColumns().add(column("Handled by", HistoryView::handledBy, 130));
        table.getColumns().add(fixed(column("Messages", HistoryView::messages, 100)));
        table.getColumns().add(column("Message / last message", HistoryView::summary, 300));
        VBox.setVgrow(table, Priority.ALWAYS);

        Button more = new Button("Load more");
        more.setId("historyMore");
        more.visibleProperty().bind(model.hasMoreProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.disableProperty().bind(model.loadingProperty());
        more.setOnAction(event -> model.loadMore());

        getChildren().addAll(filters, message, table, more, exportBar(model));
        // Built once and kept; read again each time it is shown, since conversations close all day long.
        parentProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.reload();
            }
        });
    }

    private static HBox exportBar(HistoryViewModel model) {
        ComboBox<String> kind = new ComboBox<>();
        kind.setId("exportKind");
        kind.getItems().setAll(HistoryViewModel.EXPORT_KINDS);
        kind.valueProperty().bindBidirectional(model.exportKindProperty());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : Character.toUpperCase(value.charAt(0)) + value.substring(1);
            }

            @Override
            public String fromString(String text) {
                return text.toLowerCase();
            }
        });
        kind.disableProperty().bind(model.exportingProperty());
        kind.setTooltip(new Tooltip("Everything created on the chosen dates, not only what is in history"));
        Button export = new Button("Export CSV", new FontIcon(FontAwesomeSolid.FILE_EXPORT));
        export.setId("exportCsv");
        export.getStyleClass().add(Styles.ACCENT);
        export.disableProperty().bind(model.exportingProperty());
        export.setOnAction(event -> model.export());
        ProgressBar progress = new ProgressBar();
        progress.setId("exportProgress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(model.exportProgressProperty());
        progress.visibleProperty().bind(model.exportingProperty().or(model.exportProgressProperty().isEqualTo(1, 0)));
        Button cancel = new Button("Cancel");
        cancel.setId("cancelExport");
        cancel.visibleProperty().bind(model.exportingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(event -> model.cancelExport());
        Label status = new Label();
        status.setId("exportStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.exportStatusProperty());
        HBox bar = new HBox(8, new Label("Export"), kind, export, progress, cancel, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("export-bar");
        return bar;
    }

    private static <T> TableColumn<HistoryItem, T> fixed(TableColumn<HistoryItem, T> column) {
        column.setMinWidth(column.getPrefWidth());
        column.setMaxWidth(column.getPrefWidth());
        return column;
    }

    private static void openIfConversation(HistoryItem item, Consumer<ConversationView> openConversation) {
        if (item != null && !item.archivedFollowup()) {
            openConversation.accept(item.conversation());
        }
    }

    private static TableColumn<HistoryItem, String> column(String name, Function<HistoryItem, String> value,
                                                           double width) {
        TableColumn<HistoryItem, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static String channel(HistoryItem item) {
        return item.archivedFollowup() ? item.followup().channel() : item.conversation().channel();
    }

    private static String contact(HistoryItem item) {
        if (item.archivedFollowup()) {
            Followup f = item.followup();
            String details = f.contactDetails();
            return details.isEmpty() || details.equals(f.displayName()) ? f.displayName()
                    : f.displayName() + " (" + details + ")";
        }
        ConversationView c = item.conversation();
        if (c.contact() != null && c.contact().name() != null) {
            return c.contact().name() + " (" + c.externalId() + ")";
        }
        return c.externalId();
    }

    private static String handledBy(HistoryItem item) {
        if (item.archivedFollowup()) {
            return item.followup().archivedBy() == null ? "" : item.followup().archivedBy().name();
        }
        return item.conversation().assignee() == null ? "" : item.conversation().assignee().name();
    }

    private static String messages(HistoryItem item) {
        return item.archivedFollowup() ? "" : Long.toString(item.conversation().messageCount());
    }

    private static String summary(HistoryItem item) {
        if (item.archivedFollowup()) {
            return item.followup().message() == null ? "" : item.followup().message();
        }
        ConversationView c = item.conversation();
        return c.lastMessage() == null || c.lastMessage().text() == null ? "" : c.lastMessage().text();
    }

    private static final class KindCell extends TableCell<HistoryItem, HistoryItem> {
        @Override
        protected void updateItem(HistoryItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            boolean followup = item.archivedFollowup();
            setText(followup ? "Followup" : "Conversation");
            setGraphic(new FontIcon(followup ? FontAwesomeSolid.ENVELOPE_OPEN_TEXT : FontAwesomeSolid.COMMENTS));
        }
    }
}
