package com.omnichat.desktop.ui.settings;

import com.omnichat.desktop.api.ApiFailure;
import com.omnichat.desktop.api.SettingsApi;
import com.omnichat.desktop.api.SettingsChanges;
import com.omnichat.desktop.api.SettingsDocument;
import com.omnichat.desktop.api.WidgetEmbed;
import com.omnichat.desktop.model.FailureMessages;
import com.omnichat.desktop.model.Workspace;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The admin's settings screen: the tenant's settings as a form, saved as a PATCH of only the changed fields; the
 * server's validation errors by field; the widget's embed snippet, its site key rotation and a preview page.
 */
public final class SettingsViewModel {
    /** The visitor-facing texts of PROTOCOL.md §D.5, with the label the form shows. */
    public static final Map<String, String> TEXTS = Collections.unmodifiableMap(texts());

    private final Workspace workspace;
    private final Map<String, SettingField> fields = new LinkedHashMap<>();
    private final Map<String, FlagField> flags = new LinkedHashMap<>();
    private final Map<String, SecretField> secrets = new LinkedHashMap<>();
    private final OpeningHours hours = new OpeningHours();
    private final StringProperty siteKey = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(true);
    private final ObservableMap<String, String> errors = FXCollections.observableHashMap();
    private SettingsDocument shown;
    private final StringBinding snippet;
    private final StringBinding previewPage;

    public SettingsViewModel(Workspace workspace) {
        this.workspace = workspace;
        field("widget.title", SettingField.Kind.TEXT);
        field("widget.primary_color", SettingField.Kind.TEXT);
        field("widget.position", SettingField.Kind.TEXT);
        field("widget.allowed_origins", SettingField.Kind.LINES);
        flag("widget.legacy_widget_enabled");
        TEXTS.keySet().forEach(key -> field("texts." + key, SettingField.Kind.TEXT));
        field("timezone", SettingField.Kind.TEXT);
        field("patience_seconds", SettingField.Kind.NUMBER);
        field("escalate_after_seconds", SettingField.Kind.NUMBER);
        field("auto_close_minutes", SettingField.Kind.NUMBER);
        field("history_retention_days", SettingField.Kind.NUMBER);
        field("backup_number", SettingField.Kind.OPTIONAL);
        flag("followup_closes_conversation");
        field("twilio.account_sid", SettingField.Kind.OPTIONAL);
        secrets.put("twilio.auth_token", new SecretField("twilio.auth_token", "twilio.auth_token_set",
                "twilio.auth_token_hint"));
        field("twilio.sms_number", SettingField.Kind.OPTIONAL);
        field("twilio.whatsapp_number", SettingField.Kind.OPTIONAL);
        field("twilio.messaging_service_sid", SettingField.Kind.OPTIONAL);
        field("messenger.page_id", SettingField.Kind.OPTIONAL);
        for (String secret : List.of("page_access_token", "app_secret", "verify_token")) {
            String path = "messenger." + secret;
            secrets.put(path, new SecretField(path, path + "_set", null));
        }

        String server = workspace.serverUrl();
        snippet = Bindings.createStringBinding(
                () -> siteKey.get().isEmpty() ? "" : WidgetEmbed.snippet(server, siteKey.get()), siteKey);
        previewPage = Bindings.createStringBinding(() -> siteKey.get().isEmpty() ? ""
                        : WidgetEmbed.previewPage(server, siteKey.get(), new WidgetEmbed.WidgetLook(
                                value("widget.title"), value("widget.primary_color"), value("widget.position"),
                                value("texts.greeting"))),
                siteKey, text("widget.title"), text("widget.primary_color"), text("widget.position"),
                text("texts.greeting"));
        load();
        workspace.settingsUpdatedProperty().addListener((obs, was, now) -> changedElsewhere());
    }

    private static Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("greeting", "Greeting");
        texts.put("offline", "Outside business hours");
        texts.put("followup_thanks", "After a follow-up form");
        texts.put("patience", "Patience (still looking for staff)");
        texts.put("escalation", "Escalation (no staff answered)");
        texts.put("sms_auto_reply", "SMS and WhatsApp auto-reply");
        texts.put("escalation_alert", "Escalation alert to staff ({user_id}, {channel})");
        texts.put("auto_close", "Before auto-close (empty: none)");
        return texts;
    }

    private void field(String path, SettingField.Kind kind) {
        fields.put(path, new SettingField(path, kind));
    }

    private void flag(String path) {
        flags.put(path, new FlagField(path));
    }

    public StringProperty text(String path) {
        return fields.get(path).valueProperty();
    }

    private String value(String path) {
        return text(path).get();
    }

    public BooleanProperty flagProperty(String path) {
        return flags.get(path).valueProperty();
    }

    public SecretField secret(String path) {
        return secrets.get(path);
    }

    public OpeningHours hours() {
        return hours;
    }

    public ReadOnlyStringProperty siteKeyProperty() {
        return siteKey;
    }

    /** The script tag a site owner pastes into their pages. */
    public StringBinding snippetProperty() {
        return snippet;
    }

    /** A page with the real widget from the server, showing the form's (maybe unsaved) appearance. */
    public StringBinding previewPageProperty() {
        return previewPage;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /**
     * The server's complaint about each field after a refused save, by the field's path without list positions
     * ({@code business_hours.mon}, {@code widget.allowed_origins}).
     */
    public ObservableMap<String, String> errors() {
        return errors;
    }

    /** Reads the settings from the server; unsaved changes are dropped. */
    public void load() {
        run(SettingsApi::settings, "Could not read the settings: ", settings -> {
            show(settings);
            message.set("");
        });
    }

    /** Sends the fields that differ from what was loaded; on success the form shows what the server now has. */
    public void save() {
        SettingsChanges changes = changes();
        if (changes.isEmpty()) {
            errors.clear();
            message.set("Nothing to save: no setting was changed.");
            return;
        }
        run(api -> api.update(changes), "Not saved: ", settings -> {
            show(settings);
            message.set("Settings saved.");
        });
    }

    /** A new site key; the old one stops working at once. The rest of the form keeps its unsaved edits. */
    public void rotateSiteKey() {
        run(SettingsApi::rotateSiteKey, "The site key was not changed: ", settings -> {
            siteKey.set(settings.siteKey());
            message.set("The widget has a new site key: replace the snippet on every page that embeds it.");
        });
    }

    /**
     * The settings changed on the server (another admin, the web page, or this form's own save): the form follows
     * when it holds no edits; otherwise the edits stay and the admin is told, since a save sends only edited fields.
     */
    private void changedElsewhere() {
        workspace.request(http -> new SettingsApi(http).settings()).thenAccept(current -> {
            if (busy.get() || current.sameAs(shown)) {
                return;
            }
            if (changes().isEmpty()) {
                show(current);
                message.set("Another admin changed the settings; the form shows them now.");
            } else {
                message.set("Another admin changed the settings meanwhile. Save sends only the fields you edited; "
                        + "Discard changes shows theirs.");
            }
        });
    }

    private SettingsChanges changes() {
        SettingsChanges changes = new SettingsChanges();
        fields.values().stream().filter(SettingField::changed).forEach(f -> changes.set(f.path(), f.wireValue()));
        flags.values().stream().filter(FlagField::changed)
                .forEach(f -> changes.set(f.path(), f.valueProperty().get()));
        hours.addChanges(changes);
        secrets.values().stream().filter(SecretField::changed).forEach(s -> changes.set(s.path(), s.wireValue()));
        return changes;
    }

    private void show(SettingsDocument settings) {
        shown = settings;
        errors.clear();
        fields.values().forEach(field -> field.load(settings));
        flags.values().forEach(flag -> flag.load(settings));
        secrets.values().forEach(secret -> secret.load(settings));
        hours.load(settings);
        siteKey.set(settings.siteKey());
    }

    private void run(Function<SettingsApi, SettingsDocument> call, String failed, Consumer<SettingsDocument> done) {
        busy.set(true);
        CompletableFuture<SettingsDocument> result = workspace.request(http -> call.apply(new SettingsApi(http)));
        result.whenComplete((settings, error) -> {
            busy.set(false);
            if (error == null) {
                done.accept(settings);
            } else {
                refused(failed, error);
            }
        });
    }

    private void refused(String failed, Throwable error) {
        errors.clear();
        Throwable cause = error;
        while (!(cause instanceof ApiFailure) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiFailure failure) {
            failure.fields().forEach((path, reason) -> errors.merge(fieldOf(path), reason, (a, b) -> a + "; " + b));
        }
        int more = errors.size() - 1;
        message.set(failed + FailureMessages.describe(error)
                + (more > 0 ? " (and " + more + " more, marked in red)" : ""));
    }

    /** {@code business_hours.mon[0]} and {@code widget.allowed_origins[3]} belong to the day's and the list's field. */
    static String fieldOf(String path) {
        int index = path.indexOf('[');
        return index < 0 ? path : path.substring(0, index);
    }
}
