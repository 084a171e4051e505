package com.omnichat.desktop.ui.followups;

import com.omnichat.desktop.model.Followups;
import com.omnichat.desktop.model.Workspace;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.StackPane;

/** The count of unviewed followups on the followups rail button; hidden at zero. */
public final class UnviewedBadge {
    private UnviewedBadge() {
    }

    /** Puts the badge on {@code button} and reads the count now, so it shows before the screen is first opened. */
    public static ToggleButton on(Workspace workspace, ToggleButton button) {
        Followups followups = workspace.followups();
        Label badge = new Label();
        badge.setId("followupsBadge");
        badge.getStyleClass().add("rail-badge");
        badge.setMouseTransparent(true);
        badge.textProperty().bind(Bindings.createStringBinding(() -> {
            long count = followups.unviewedCountProperty().get();
            return count > 99 ? "99+" : Long.toString(count);
        }, followups.unviewedCountProperty()));
        badge.visibleProperty().bind(followups.unviewedCountProperty().greaterThan(0));
        StackPane.setAlignment(badge, Pos.TOP_RIGHT);
        StackPane graphic = new StackPane(button.getGraphic(), badge);
        graphic.getStyleClass().add("rail-badged");
        button.setGraphic(graphic);
        button.getTooltip().textProperty().bind(Bindings.createStringBinding(() -> {
            long count = followups.unviewedCountProperty().get();
            return count == 0 ? "Followups" : "Followups (" + count + " unviewed)";
        }, followups.unviewedCountProperty()));
        followups.refreshCount();
        return button;
    }
}
