package com.omnichat.desktop.ui.status;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.api.ConnectionState;
import com.omnichat.desktop.model.Workspace;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

/** Bottom line: connection state, the latest notice, who is signed in where. */
public final class StatusBar extends HBox {
    public StatusBar(Workspace workspace) {
        getStyleClass().add("status-bar");
        FontIcon dot = new FontIcon(FontAwesomeSolid.CIRCLE);
        Label connection = new Label();
        connection.setId("connectionStatus");
        connection.setGraphic(dot);
        connection.textProperty().bind(Bindings.createStringBinding(
                () -> describe(workspace.connectionProperty().get()), workspace.connectionProperty()));
        workspace.connectionProperty().addListener((obs, was, now) -> style(dot, now));
        style(dot, workspace.connectionProperty().get());

        Label notice = new Label();
        notice.setId("notice");
        notice.getStyleClass().add(Styles.TEXT_MUTED);
        notice.textProperty().bind(workspace.noticeProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label user = new Label(workspace.me().name() + " (" + workspace.me().role() + ") · " + workspace.serverUrl());
        user.setId("signedInUser");
        user.getStyleClass().add(Styles.TEXT_MUTED);
        getChildren().addAll(connection, notice, spacer, user);
    }

    public static String describe(ConnectionState state) {
        return switch (state) {
            case CONNECTING -> "Connecting…";
            case CONNECTED -> "Connected";
            case RECONNECTING -> "Reconnecting…";
            case OFFLINE -> "Offline — retrying";
            case STOPPED -> "Signed out";
        };
    }

    private static void style(FontIcon dot, ConnectionState state) {
        dot.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER);
        dot.getStyleClass().add(switch (state) {
            case CONNECTED -> Styles.SUCCESS;
            case CONNECTING, RECONNECTING -> Styles.WARNING;
            default -> Styles.DANGER;
        });
    }
}
