package com.omnichat.desktop.ui.conversation;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.model.MessageRow;
import com.omnichat.desktop.ui.RelativeTime;
import com.omnichat.protocol.MessageView;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.application.Platform;
import com.omnichat.protocol.Delivery;

/** A message bubble: contact on the left, staff on the right, system centred; sender, time and delivery state. */
final class MessageCell extends ListCell<MessageRow> {
    private final RelativeTime time;
    private final Runnable onFirstShown;
    private final Label meta = new Label();
    private final Label text = new Label();
    private final VBox bubble = new VBox(4, meta, text);
    private final HBox line = new HBox(bubble);

    MessageCell(RelativeTime time, Runnable onFirstShown) {
        this.time = time;
        this.onFirstShown = onFirstShown;
        text.setWrapText(true);
        text.getStyleClass().add("message-text");
        meta.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "message-meta");
        bubble.setMaxWidth(520);
        bubble.getStyleClass().add("bubble");
        getStyleClass().add("message-cell");
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(MessageRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        if (getIndex() == 0) {
            // The oldest row came into view: the user scrolled to the top, fetch the page before it.
            Platform.runLater(onFirstShown);
        }
        bubble.getStyleClass().removeAll("bubble-contact", "bubble-staff", "bubble-system", "bubble-pending",
                "bubble-failed");
        text.setText(row.text());
        MessageView m = row.message();
        if (m == null) {
            bubble.getStyleClass().addAll("bubble-staff", row.failure() == null ? "bubble-pending" : "bubble-failed");
            meta.setText(row.failure() == null ? "You · sending…" : "Not sent: " + row.failure());
            line.setAlignment(Pos.CENTER_RIGHT);
        } else if ("user".equals(m.sender())) {
            bubble.getStyleClass().add("bubble-contact");
            meta.setText("Contact · " + time.clockTime(m.createdAt()));
            line.setAlignment(Pos.CENTER_LEFT);
        } else if ("staff".equals(m.sender())) {
            bubble.getStyleClass().add("bubble-staff");
            String author = m.author() == null ? "Staff" : m.author().name();
            String delivery = m.delivery() == null || m.delivery().status() == null
                    ? "" : " · " + delivery(m.delivery());
            meta.setText(author + " · " + time.clockTime(m.createdAt()) + delivery);
            line.setAlignment(Pos.CENTER_RIGHT);
        } else {
            bubble.getStyleClass().add("bubble-system");
            meta.setText("Automatic message · " + time.clockTime(m.createdAt()));
            line.setAlignment(Pos.CENTER);
        }
        setGraphic(line);
    }

    /** SMS and Messenger replies say how far they got; a failure says why. */
    private static String delivery(Delivery delivery) {
        return switch (delivery.status()) {
            case "pending", "queued" -> "sending to the phone…";
            case "sent" -> "sent ✓";
            case "delivered" -> "delivered ✓✓";
            case "read" -> "read ✓✓";
            case "undelivered", "failed" ->
                    "not delivered" + (delivery.errorMessage() == null ? "" : ": " + delivery.errorMessage());
            default -> delivery.status();
        };
    }
}
