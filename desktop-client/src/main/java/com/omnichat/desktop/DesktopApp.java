package com.omnichat.desktop;

import com.omnichat.desktop.api.Backoff;
import com.omnichat.desktop.model.Environment;
import com.omnichat.desktop.model.SignIn;
import com.omnichat.desktop.model.Workspace;
import com.omnichat.desktop.notify.NotificationSink;
import com.omnichat.desktop.notify.Notifier;
import com.omnichat.desktop.ui.Theme;
import com.omnichat.desktop.ui.history.FileChooserLocation;
import com.omnichat.desktop.ui.history.SaveLocation;
import com.omnichat.desktop.ui.login.LoginView;
import com.omnichat.desktop.ui.login.LoginViewModel;
import com.omnichat.desktop.ui.main.MainWindow;
import com.omnichat.protocol.JsonMapperFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import com.omnichat.desktop.model.FailureMessages;

/** The window: sign-in first, then the main window of a session; back to sign-in when the session ends. */
public final class DesktopApp extends Application {
    public static final String PREFERENCES_NODE = "/com/omnichat/desktop";

    private final Environment env;
    private final Supplier<NotificationSink> notifications;
    private final Function<Node, SaveLocation> saveLocations;
    private final StackPane root = new StackPane();
    private Stage stage;
    private Theme theme;
    private Workspace workspace;
    private Notifier notifier;

    public DesktopApp() {
        this(defaultEnvironment(), Notifier::desktopSink, FileChooserLocation::new);
    }

    /**
     * {@code notifications} is asked once, when the window opens (the tray needs the toolkit running);
     * {@code saveLocations} gives, for a window's node, where files such as exports are saved.
     */
    public DesktopApp(Environment env, Supplier<NotificationSink> notifications,
                      Function<Node, SaveLocation> saveLocations) {
        this.env = env;
        this.notifications = notifications;
        this.saveLocations = saveLocations;
    }

    public static Environment defaultEnvironment() {
        ExecutorService background = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "omnichat-background");
            thread.setDaemon(true);
            return thread;
        });
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30)).build();
        return new Environment(Preferences.userRoot().node(PREFERENCES_NODE),
                Path.of(System.getProperty("user.home"), ".omnichat-desktop"), Backoff::standard, http,
                JsonMapperFactory.create(), Platform::runLater, background, Clock.systemDefaultZone());
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        this.theme = new Theme(env.preferences());
        theme.apply();
        Scene scene = new Scene(root, 1200, 760);
        scene.getStylesheets().add(Theme.appStylesheet());
        stage.setScene(scene);
        stage.setTitle("Omnichat");
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        notifier = new Notifier(notifications.get(), env.clock());
        SignIn signIn = new SignIn(env);
        showLogin(signIn, null);
        signIn.resume(reason -> showLogin(signIn, reason)).ifPresent(resuming -> resuming.whenComplete((ws, error) -> {
            if (error == null) {
                showMain(signIn, ws);
            } else {
                showLogin(signIn, FailureMessages.describe(error));
            }
        }));
        stage.show();
    }

    private void showLogin(SignIn signIn, String message) {
        workspace = null;
        LoginViewModel model = new LoginViewModel(signIn, message, reason -> showLogin(signIn, reason),
                ws -> showMain(signIn, ws));
        root.getChildren().setAll(new LoginView(model));
        stage.setTitle("Omnichat — sign in");
    }

    private void showMain(SignIn signIn, Workspace ws) {
        workspace = ws;
        ws.setIncomingMessages(notifier);
        root.getChildren().setAll(new MainWindow(ws, theme, env.clock(), saveLocations));
        stage.setTitle("Omnichat — " + ws.me().name());
        ws.start().whenComplete((ignored, error) -> {
            if (error != null) {
                showLogin(signIn, FailureMessages.describe(error));
            }
        });
    }

    /** The session shown now, for tests and the benchmark. */
    public Workspace workspace() {
        return workspace;
    }

    public Stage stage() {
        return stage;
    }

    @Override
    public void stop() {
        if (workspace != null) {
            workspace.shutdown();
        }
        notifier.close();
        env.background().shutdownNow();
    }
}
