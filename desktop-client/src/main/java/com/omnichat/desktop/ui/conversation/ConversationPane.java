package com.omnichat.desktop.ui.conversation;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.api.StaffUser;
import com.omnichat.desktop.model.ConversationThread;
import com.omnichat.desktop.model.MessageRow;
import com.omnichat.desktop.ui.ChannelIcons;
import com.omnichat.desktop.ui.RelativeTime;
import com.omnichat.protocol.ConversationView;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

/** Header with actions, message history, typing line, composer; the contact's details on the right. */
public final class ConversationPane extends StackPane {
    private final ConversationViewModel model;
    private final ListView<MessageRow> messages = new ListView<>();
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label typing = new Label();
    private final DetailsPanel details;
    private final TextArea composer = new TextArea();
    private ListChangeListener<MessageRow> follow;
    /** Set while the composer shows a conversation's kept draft: that is no typing. */
    private boolean restoring;

    public ConversationPane(ConversationViewModel model, RelativeTime time) {
        this.model = model;
        this.details = new DetailsPanel(time);
        getStyleClass().add("conversation-pane");

        Label empty = new Label("Select a conversation", new FontIcon(FontAwesomeSolid.INBOX));
        empty.getStyleClass().addAll(Styles.TITLE_4, Styles.TEXT_MUTED);
        BorderPane content = new BorderPane();
        content.setTop(header());
        content.setCenter(history(time));
        content.setBottom(composer());
        content.setRight(details);
        content.visibleProperty().bind(model.conversationProperty().isNotNull());
        empty.visibleProperty().bind(content.visibleProperty().not());
        getChildren().addAll(empty, content);

        model.conversationProperty().addListener((obs, was, now) -> showConversation(now));
        model.threadProperty().addListener((obs, was, now) -> showThread(now));
        model.typingConversations().addListener((MapChangeListener<String, Boolean>) change -> updateTyping());
    }

    private HBox header() {
        title.setId("conversationTitle");
        title.getStyleClass().add(Styles.TITLE_4);
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        VBox names = new VBox(2, title, subtitle);

        Button assignToMe = new Button("Assign to me", new FontIcon(FontAwesomeSolid.USER_CHECK));
        assignToMe.setId("assignToMe");
        assignToMe.setOnAction(event -> model.assignToMe());
        assignToMe.disableProperty().bind(model.isMine().or(model.isClosed()));

        MenuButton assign = new MenuButton("Assign…");
        assign.setId("assignMenu");
        assign.setVisible(model.isAdmin());
        assign.setManaged(model.isAdmin());
        assign.disableProperty().bind(model.isClosed());
        assign.setOnShowing(event -> model.refreshTeam());
        model.team().addListener((ListChangeListener<StaffUser>) change -> {
            assign.getItems().clear();
            MenuItem nobody = new MenuItem("Nobody");
            nobody.setOnAction(event -> model.assignTo(null));
            assign.getItems().add(nobody);
            for (StaffUser user : model.team()) {
                MenuItem item = new MenuItem(user.name() + " (" + user.email() + ")");
                item.setOnAction(event -> model.assignTo(user));
                assign.getItems().add(item);
            }
        });

        Button close = new Button("Close", new FontIcon(FontAwesomeSolid.CHECK));
        close.setId("closeConversation");
        close.getStyleClass().add(Styles.SUCCESS);
        close.setOnAction(event -> model.close());
        close.visibleProperty().bind(model.isClosed().not());
        close.managedProperty().bind(close.visibleProperty());

        Button reopen = new Button("Reopen", new FontIcon(FontAwesomeSolid.REDO));
        reopen.setId("reopenConversation");
        reopen.setOnAction(event -> model.reopen());
        reopen.visibleProperty().bind(model.isClosed());
        reopen.managedProperty().bind(reopen.visibleProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, names, spacer, assignToMe, assign, close, reopen);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("conversation-header");
        return header;
    }

    private VBox history(RelativeTime time) {
        messages.setId("messageList");
        messages.setCellFactory(view -> new MessageCell(time, model::loadOlder));
        messages.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        messages.setFocusTraversable(false);
        Label none = new Label("No messages yet");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        messages.setPlaceholder(none);
        VBox.setVgrow(messages, Priority.ALWAYS);
        typing.setId("typingIndicator");
        typing.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "typing-indicator");
        return new VBox(messages, typing);
    }

    private VBox composer() {
        composer.setId("composer");
        composer.setPromptText("Write a reply — Enter sends, Shift+Enter for a new line");
        composer.setWrapText(true);
        composer.setPrefRowCount(3);
        composer.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER && !event.isShiftDown()) {
                event.consume();
                sendComposed();
            } else if (event.getCode() == KeyCode.ENTER) {
                event.consume();
                composer.insertText(composer.getCaretPosition(), "\n");
            }
        });
        composer.textProperty().addListener((obs, was, now) -> {
            if (!restoring) {
                model.composing(now);
            }
        });
        Button send = new Button(null, new FontIcon(FontAwesomeSolid.PAPER_PLANE));
        send.setId("send");
        send.getStyleClass().addAll(Styles.ACCENT, Styles.BUTTON_ICON);
        send.setOnAction(event -> sendComposed());
        HBox.setHgrow(composer, Priority.ALWAYS);
        HBox row = new HBox(8, composer, send);
        row.setAlignment(Pos.BOTTOM_RIGHT);
        VBox box = new VBox(row);
        box.getStyleClass().add("composer");
        return box;
    }

    private void sendComposed() {
        String text = composer.getText();
        if (!text.isBlank()) {
            model.send(text);
            composer.clear();
        }
    }

    private void showConversation(ConversationView c) {
        if (c == null) {
            return;
        }
        title.setText(c.contact() != null && c.contact().name() != null ? c.contact().name() : c.externalId());
        title.setGraphic(ChannelIcons.of(c.channel()));
        String assignee = c.assignee() == null ? "unassigned" : "assigned to " + c.assignee().name();
        subtitle.setText(ChannelIcons.label(c.channel()) + " · " + c.status() + " · " + assignee
                + (c.visitorOnline() ? " · online" : ""));
        details.show(c);
        updateTyping();
    }

    private void showThread(ConversationThread thread) {
        if (follow != null) {
            messages.getItems().removeListener(follow);
        }
        if (thread == null) {
            messages.setItems(null);
            return;
        }
        messages.setItems(thread.rows());
        follow = change -> {
            while (change.next()) {
                if (change.wasAdded() && change.getFrom() == 0 && change.getTo() < thread.rows().size()) {
                    // Older page above: keep the message the user was looking at in place.
                    messages.scrollTo(change.getTo());
                    return;
                }
            }
            messages.scrollTo(thread.rows().size() - 1);
        };
        thread.rows().addListener(follow);
        messages.scrollTo(Math.max(0, thread.rows().size() - 1));
        restoring = true;
        composer.setText(model.draft());
        composer.end();
        restoring = false;
        composer.requestFocus();
    }

    private void updateTyping() {
        typing.setText(model.isVisitorTyping() ? "The contact is typing…" : "");
    }
}
