package com.omnichat.desktop.ui.inbox;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.ui.RelativeTime;
import com.omnichat.protocol.ConversationView;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import atlantafx.base.controls.CustomTextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;
import javafx.beans.binding.IntegerBinding;

/** Tabs, search and the conversation list. */
public final class InboxView extends VBox {
    private final ListView<ConversationView> list = new ListView<>();

    private String openedId;

    private void openSelected(InboxViewModel model) {
        ConversationView selected = list.getSelectionModel().getSelectedItem();
        if (selected != null && !selected.id().equals(openedId)) {
            openedId = selected.id();
            model.open(selected);
        }
    }

    public InboxView(InboxViewModel model, RelativeTime time) {
        getStyleClass().add("inbox");
        HBox tabs = new HBox();
        tabs.getStyleClass().add("inbox-tabs");
        ToggleGroup group = new ToggleGroup();
        InboxFilter[] filters = InboxFilter.values();
        for (int i = 0; i < filters.length; i++) {
            InboxFilter filter = filters[i];
            ToggleButton tab = new ToggleButton(filter.label());
            tab.setId("tab" + filter.label());
            tab.setToggleGroup(group);
            tab.setUserData(filter);
            tab.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(tab, Priority.ALWAYS);
            tab.getStyleClass().add(i == 0 ? Styles.LEFT_PILL
                    : i == filters.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            IntegerBinding unread = model.unreadIn(filter);
            tab.textProperty().bind(Bindings.createStringBinding(
                    () -> unread.get() > 0 ? filter.label() + " (" + unread.get() + ")" : filter.label(), unread));
            tab.setSelected(filter == model.filterProperty().get());
            tabs.getChildren().add(tab);
        }
        group.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            } else {
                model.filterProperty().set((InboxFilter) now.getUserData());
            }
        });

        CustomTextField search = new CustomTextField();
        search.setId("search");
        search.setPromptText("Search name, number, email or message");
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setLeft(new FontIcon(FontAwesomeSolid.SEARCH));

        list.setId("conversationList");
        list.setItems(model.conversations());
        list.setCellFactory(view -> new ConversationCell(time, model));
        list.setFixedCellSize(64);
        Label empty = new Label("No conversations here");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        // Opened by the user's click or keys, never by a selection that moved because the list changed.
        list.setOnMouseClicked(event -> openSelected(model));
        list.setOnKeyReleased(event -> {
            switch (event.getCode()) {
                case UP, DOWN, ENTER, PAGE_UP, PAGE_DOWN, HOME, END -> openSelected(model);
                default -> {
                }
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        HBox searchRow = new HBox(search);
        HBox.setHgrow(search, Priority.ALWAYS);
        searchRow.getStyleClass().add("inbox-search");
        getChildren().addAll(tabs, searchRow, list);
        // Relative times age and typing comes and goes without list changes: repaint the visible rows.
        Timeline tick = new Timeline(new KeyFrame(Duration.seconds(30), event -> list.refresh()));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
        model.conversationsTyping().addListener((MapChangeListener<String, Boolean>) change -> list.refresh());
    }
}
