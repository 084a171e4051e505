package com.omnichat.desktop.ui.conversation;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.ui.ChannelIcons;
import com.omnichat.desktop.ui.RelativeTime;
import com.omnichat.protocol.ConversationView;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The visitor/contact details beside the conversation. */
final class DetailsPanel extends VBox {
    private final RelativeTime time;
    private final GridPane grid = new GridPane();

    DetailsPanel(RelativeTime time) {
        this.time = time;
        setId("detailsPanel");
        getStyleClass().add("details-panel");
        Label heading = new Label("Details");
        heading.getStyleClass().add(Styles.TITLE_4);
        grid.setHgap(8);
        grid.setVgap(6);
        getChildren().addAll(heading, grid);
        setPrefWidth(240);
        setMinWidth(200);
    }

    void show(ConversationView c) {
        grid.getChildren().clear();
        int row = 0;
        row = add(row, "Name", c.contact() == null ? null : c.contact().name());
        row = add(row, "Email", c.contact() == null ? null : c.contact().email());
        row = add(row, "Phone", c.contact() == null ? null : c.contact().phone());
        row = add(row, "Channel", ChannelIcons.label(c.channel()));
        row = add(row, "Contact id", c.externalId());
        row = add(row, "Status", c.status() + (c.visitorOnline() ? " · online" : ""));
        row = add(row, "Assignee", c.assignee() == null ? "nobody" : c.assignee().name());
        row = add(row, "Messages", Long.toString(c.messageCount()));
        row = add(row, "Started", time.clockTime(c.createdAt()));
        row = add(row, "Waiting since", c.waitingSince() == null ? null : time.clockTime(c.waitingSince()));
        add(row, "Escalated", c.escalatedAt() == null ? null : time.clockTime(c.escalatedAt()));
    }

    private int add(int row, String name, String value) {
        Label key = new Label(name);
        key.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        key.setMinWidth(USE_PREF_SIZE);
        Label text = new Label(value == null || value.isBlank() ? "—" : value);
        text.setId("detail" + name.replace(" ", ""));
        text.setWrapText(true);
        text.setMaxWidth(140);
        grid.addRow(row, key, text);
        return row + 1;
    }
}
