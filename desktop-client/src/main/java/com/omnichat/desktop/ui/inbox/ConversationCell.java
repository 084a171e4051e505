package com.omnichat.desktop.ui.inbox;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.ui.ChannelIcons;
import com.omnichat.desktop.ui.RelativeTime;
import com.omnichat.protocol.ConversationView;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.layout.StackPane;

/** One reused row of the virtualized inbox: channel icon, name, preview, relative time, unread badge. */
final class ConversationCell extends ListCell<ConversationView> {
    private final RelativeTime time;
    private final InboxViewModel model;
    private final Label title = new Label();
    private final Label preview = new Label();
    private final Label when = new Label();
    private final Label unread = new Label();
    private final StackPane icon = new StackPane();
    private final HBox row;

    ConversationCell(RelativeTime time, InboxViewModel model) {
        this.time = time;
        this.model = model;
        title.getStyleClass().addAll("conversation-title");
        preview.getStyleClass().addAll(Styles.TEXT_MUTED, "conversation-preview");
        when.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        unread.getStyleClass().add("unread-badge");
        VBox text = new VBox(2, title, preview);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        VBox side = new VBox(4, when, unread);
        side.setAlignment(Pos.TOP_RIGHT);
        side.setMinWidth(USE_PREF_SIZE);
        row = new HBox(10);
        row.setAlignment(Pos.CENTER_LEFT);
        icon.setMinWidth(24);
        icon.setPrefWidth(24);
        row.getChildren().addAll(icon, text, side);
        getStyleClass().add("conversation-cell");
        // The cell takes the list's width, so long previews are cut with an ellipsis instead of widening the row.
        setPrefWidth(0);
        title.setMinWidth(0);
        preview.setMinWidth(0);
    }

    @Override
    protected void updateItem(ConversationView c, boolean empty) {
        super.updateItem(c, empty);
        if (empty || c == null) {
            setGraphic(null);
            return;
        }
        icon.getChildren().setAll(ChannelIcons.of(c.channel()));
        title.setText(displayName(c));
        preview.setText(model.isVisitorTyping(c.id()) ? "typing…" : previewOf(c));
        when.setText(time.since(c.updatedAt()));
        long count = c.unreadCount() == null ? 0 : c.unreadCount();
        unread.setText(Long.toString(count));
        unread.setVisible(count > 0);
        title.getStyleClass().remove(Styles.TEXT_BOLD);
        if (count > 0) {
            title.getStyleClass().add(Styles.TEXT_BOLD);
        }
        setGraphic(row);
    }

    static String displayName(ConversationView c) {
        if (c.contact() != null && c.contact().name() != null && !c.contact().name().isBlank()) {
            return c.contact().name();
        }
        return c.externalId();
    }

    private static String previewOf(ConversationView c) {
        if (c.lastMessage() == null) {
            return "";
        }
        String prefix = "staff".equals(c.lastMessage().sender()) ? "You: " : "";
        return prefix + c.lastMessage().text().replace('\n', ' ');
    }
}
