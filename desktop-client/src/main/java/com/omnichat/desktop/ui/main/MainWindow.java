package com.omnichat.desktop.ui.main;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.model.Workspace;
import com.omnichat.desktop.ui.RelativeTime;
import com.omnichat.desktop.ui.Theme;
import com.omnichat.desktop.ui.analytics.AnalyticsView;
import com.omnichat.desktop.ui.analytics.AnalyticsViewModel;
import com.omnichat.desktop.ui.conversation.ConversationPane;
import com.omnichat.desktop.ui.conversation.ConversationViewModel;
import com.omnichat.desktop.ui.followups.FollowupsView;
import com.omnichat.desktop.ui.followups.FollowupsViewModel;
import com.omnichat.desktop.ui.followups.UnviewedBadge;
import com.omnichat.desktop.ui.history.SaveLocation;
import com.omnichat.desktop.ui.history.HistoryView;
import com.omnichat.desktop.ui.history.HistoryViewModel;
import com.omnichat.desktop.ui.inbox.InboxView;
import com.omnichat.desktop.ui.inbox.InboxViewModel;
import com.omnichat.desktop.ui.settings.SettingsView;
import com.omnichat.desktop.ui.settings.SettingsViewModel;
import com.omnichat.desktop.ui.status.StatusBar;
import com.omnichat.desktop.ui.team.TeamView;
import com.omnichat.desktop.ui.team.TeamViewModel;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;

/** Navigation rail on the left, the chosen screen in the middle, the status bar below. */
public final class MainWindow extends BorderPane {
    public MainWindow(Workspace workspace, Theme theme, Clock clock, Function<Node, SaveLocation> saveLocations) {
        getStyleClass().add("main-window");
        RelativeTime time = new RelativeTime(clock);
        InboxView inbox = new InboxView(new InboxViewModel(workspace), time);
        ConversationPane conversation = new ConversationPane(new ConversationViewModel(workspace), time);
        SplitPane inboxScreen = new SplitPane(inbox, conversation);
        inboxScreen.setDividerPositions(0.32);
        SplitPane.setResizableWithParent(inbox, false);
        inbox.setMinWidth(300);

        ToggleGroup screens = new ToggleGroup();
        ToggleButton inboxButton = rail("navInbox", FontAwesomeSolid.INBOX, "Inbox", screens);
        inboxButton.setOnAction(event -> setCenter(inboxScreen));
        VBox rail = new VBox(6, inboxButton);
        if (workspace.me().isAdmin()) {
            rail.getChildren().add(UnviewedBadge.on(workspace, screen("navFollowups",
                    FontAwesomeSolid.ENVELOPE_OPEN_TEXT, "Followups", screens,
                    () -> new FollowupsView(new FollowupsViewModel(workspace), time))));
            rail.getChildren().add(screen("navHistory", FontAwesomeSolid.HISTORY, "History", screens,
                    () -> new HistoryView(new HistoryViewModel(workspace, saveLocations.apply(this)), time,
                            closed -> {
                                workspace.open(closed);
                                inboxButton.fire();
                            })));
            rail.getChildren().add(screen("navAnalytics", FontAwesomeSolid.CHART_BAR, "Analytics", screens,
                    () -> new AnalyticsView(new AnalyticsViewModel(workspace, clock))));
            rail.getChildren().add(screen("navTeam", FontAwesomeSolid.USERS, "Team", screens,
                    () -> new TeamView(new TeamViewModel(workspace))));
            rail.getChildren().add(screen("navSettings", FontAwesomeSolid.COG, "Settings", screens,
                    () -> new SettingsView(new SettingsViewModel(workspace))));
        }
        inboxButton.setSelected(true);
        screens.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            }
        });

        Button themeButton = new Button();
        themeButton.setId("toggleTheme");
        themeButton.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        themeButton.graphicProperty().bind(Bindings.createObjectBinding(
                () -> new FontIcon(theme.darkProperty().get() ? FontAwesomeSolid.SUN : FontAwesomeSolid.MOON),
                theme.darkProperty()));
        themeButton.setTooltip(new Tooltip("Light or dark"));
        themeButton.setOnAction(event -> theme.darkProperty().set(!theme.darkProperty().get()));

        Button signOut = new Button(null, new FontIcon(FontAwesomeSolid.SIGN_OUT_ALT));
        signOut.setId("signOut");
        signOut.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        signOut.setTooltip(new Tooltip("Sign out"));
        signOut.setOnAction(event -> workspace.signOut());

        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        rail.getChildren().addAll(spacer, themeButton, signOut);
        rail.setAlignment(Pos.TOP_CENTER);
        rail.getStyleClass().add("nav-rail");

        setLeft(rail);
        setCenter(inboxScreen);
        setBottom(new StatusBar(workspace));
    }

    /** A rail button for a screen that is built the first time it is chosen and kept while the session lasts. */
    private ToggleButton screen(String id, Ikon icon, String tooltip, ToggleGroup group, Supplier<Node> build) {
        ToggleButton button = rail(id, icon, tooltip, group);
        Node[] built = new Node[1];
        button.setOnAction(event -> {
            if (built[0] == null) {
                built[0] = build.get();
            }
            setCenter(built[0]);
        });
        return button;
    }

    private static ToggleButton rail(String id, Ikon icon, String tooltip, ToggleGroup group) {
        ToggleButton button = new ToggleButton(null, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "nav-button");
        button.setTooltip(new Tooltip(tooltip));
        button.setToggleGroup(group);
        return button;
    }
}
