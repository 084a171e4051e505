package com.omnichat.desktop.support;

import com.omnichat.desktop.DesktopApp;
import com.omnichat.desktop.api.Backoff;
import com.omnichat.desktop.model.Environment;
import com.omnichat.desktop.model.MessageRow;
import com.omnichat.desktop.model.Workspace;
import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.JsonMapperFactory;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import okhttp3.OkHttpClient;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The real desktop app in a headless JavaFX stage, with its own preferences node and data directory, driven the way
 * a person would: typing into fields, clicking, pressing Enter.
 */
public final class DesktopDriver implements AutoCloseable {
    public static final long WAIT_SECONDS = 20;

    private final FxRobot robot = new FxRobot();
    private final Preferences preferences;
    private final Path dataDir;
    private final ExecutorService background;
    private final DesktopApp app;
    private final List<String> notifications = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Path saveTarget;

    private DesktopDriver(Preferences preferences, Path dataDir) throws Exception {
        this.preferences = preferences;
        this.dataDir = dataDir;
        this.background = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "desktop-test-background");
            thread.setDaemon(true);
            return thread;
        });
        // Quick reconnects keep the tests short; the doubling and the ceiling still apply.
        Environment env = new Environment(preferences, dataDir,
                () -> new Backoff(Duration.ofMillis(300), Duration.ofSeconds(2), () -> 0.5),
                new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2)).build(),
                JsonMapperFactory.create(), Platform::runLater, background, Clock.systemDefaultZone());
        FxToolkit.registerPrimaryStage();
        this.app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(env,
                () -> (title, text) -> notifications.add(title + ": " + text),
                owner -> suggestedName -> Optional.ofNullable(saveTarget)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    public static DesktopDriver start() {
        try {
            Preferences node = Preferences.userRoot().node("/com/omnichat/desktop-test/" + UUID.randomUUID());
            return new DesktopDriver(node, Files.createTempDirectory("omnichat-desktop-test"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A second run of the app with the same preferences and data directory, as after quitting and starting again. */
    public static DesktopDriver restartWith(Preferences preferences, Path dataDir) {
        try {
            return new DesktopDriver(preferences, dataDir);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public FxRobot robot() {
        return robot;
    }

    public DesktopApp app() {
        return app;
    }

    public Preferences preferences() {
        return preferences;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Writes a PNG of the whole window as it is drawn now. */
    public Path screenshot(String name) {
        Path file = Path.of("target", "screenshots", name + ".png");
        javafx.scene.image.WritableImage image = onFx(() -> app.stage().getScene().snapshot(null));
        try {
            Files.createDirectories(file.getParent());
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    /** Where the app saves the next file it would ask for in a save dialog (null: the person cancels the dialog). */
    public void answerSaveDialogsWith(Path file) {
        this.saveTarget = file;
    }

    /** Desktop notifications shown so far, as "title: text". */
    public List<String> notifications() {
        return List.copyOf(notifications);
    }

    public Workspace workspace() {
        return onFx(app::workspace);
    }

    /** Fills the sign-in form and presses the button. */
    public void signIn(String serverUrl, String email, String password) {
        waitFor("the sign-in screen", () -> exists("#signIn"));
        // Typing is exercised in the composer; the form is filled directly to keep the suite short.
        setText("#serverUrl", serverUrl);
        setText("#email", email);
        setText("#password", password);
        click("#signIn");
    }

    public void signInAndWaitForInbox(String serverUrl, String email, String password) {
        signIn(serverUrl, email, password);
        waitFor("the inbox", () -> exists("#conversationList"));
        waitFor("the stream to connect", () -> "Connected".equals(text("#connectionStatus")));
    }

    /** Clicks a node once it is shown and laid out (a button that just became visible has no bounds before that). */
    public void click(String query) {
        waitFor(query + " on screen", () -> onFx(() -> robot.lookup(query).tryQuery()
                .filter(node -> node.isVisible() && !node.isDisabled()).isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(query);
    }

    public void setText(String query, String value) {
        onFx(() -> {
            TextInputControl field = robot.lookup(query).queryAs(TextInputControl.class);
            field.setText(value);
            return null;
        });
    }

    public boolean exists(String query) {
        return onFx(() -> robot.lookup(query).tryQuery().isPresent());
    }

    public String text(String query) {
        return onFx(() -> {
            Node node = robot.lookup(query).tryQuery().orElse(null);
            if (node instanceof Labeled labeled) {
                return labeled.getText();
            }
            if (node instanceof TextInputControl input) {
                return input.getText();
            }
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    public List<ConversationView> inboxRows() {
        return onFx(() -> List.copyOf(robot.lookup("#conversationList").queryAs(ListView.class).getItems()));
    }

    @SuppressWarnings("unchecked")
    public List<MessageRow> messageRows() {
        return onFx(() -> {
            ListView<MessageRow> list = robot.lookup("#messageList").queryAs(ListView.class);
            return list.getItems() == null ? List.of() : List.copyOf(list.getItems());
        });
    }

    public long rowsWithText(String text) {
        return messageRows().stream().filter(row -> text.equals(row.text())).count();
    }

    /** Clicks the inbox row of the contact (shown by its id until a name is known), waits for {@code message} in it. */
    public void openConversationOf(String externalId, String message) {
        waitFor("the conversation of " + externalId, () -> inboxRows().stream().anyMatch(c -> externalId.equals(c.externalId())));
        // In the list model first, then drawn by a cell on a later pulse: click once the row is on screen.
        waitFor("the row of " + externalId + " drawn", () -> onFx(() -> robot.lookup(externalId).tryQuery().isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(externalId);
        waitFor("the conversation's messages", () -> rowsWithText(message) == 1);
    }

    /** Types into the composer and presses Enter, as a person replies. */
    public void reply(String text) {
        robot.clickOn("#composer").write(text).type(KeyCode.ENTER);
    }

    public void waitFor(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (Exception e) {
            throw new AssertionError("waited " + WAIT_SECONDS + " s for " + what, e);
        }
    }

    public static <T> T onFx(Callable<T> work) {
        if (Platform.isFxApplicationThread()) {
            try {
                return work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        try {
            return task.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the app but keeps its preferences and data directory (for a restart of the app). */
    public void quit() {
        try {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            background.shutdownNow();
        }
    }

    @Override
    public void close() {
        quit();
        try {
            preferences.removeNode();
        } catch (BackingStoreException | IllegalStateException alreadyRemoved) {
            // Nothing left to clean.
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
