package com.omnichat.desktop.ui.settings;

import javafx.scene.control.Tooltip;
import javafx.collections.ListChangeListener;
import atlantafx.base.theme.Styles;
import com.omnichat.desktop.api.SettingsDocument;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/** The tenant's settings in tabs (widget, business hours, timers, messages, channels) with one Save for all. */
public final class SettingsView extends VBox {
    private static final Pattern HEX_COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private final SettingsViewModel model;

    public SettingsView(SettingsViewModel model) {
        this.model = model;
        getStyleClass().add("settings-screen");
        Label title = new Label("Settings");
        title.getStyleClass().add(Styles.TITLE_3);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button reload = new Button("Discard changes", new FontIcon(FontAwesomeSolid.UNDO));
        reload.setId("reloadSettings");
        reload.setOnAction(event -> model.load());
        Button save = new Button("Save", new FontIcon(FontAwesomeSolid.SAVE));
        save.setId("saveSettings");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.setOnAction(event -> model.save());
        save.disableProperty().bind(model.busyProperty());
        reload.disableProperty().bind(model.busyProperty());
        HBox header = new HBox(8, title, spacer, reload, save);
        header.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("settingsMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        // An empty line between the header and the tabs would only push the form down.
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());

        TabPane tabs = new TabPane();
        SettingsForm widget = form();
        tabs.getTabs().addAll(
                tab("settingsTabWidget", "Widget", widget, widgetTab(widget)),
                tab("settingsTabHours", "Business hours", hoursForm()),
                tab("settingsTabTimers", "Escalation and auto-close", timersForm()),
                tab("settingsTabTexts", "Messages", textsForm()),
                tab("settingsTabChannels", "Channels", channelsForm()));
        tabs.setId("settingsTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(header, message, tabs);
    }

    private SettingsForm form() {
        return new SettingsForm(model.errors());
    }

    private static Tab tab(String id, String text, SettingsForm form) {
        return tab(id, text, form, scroll(form));
    }

    /** A tab whose title gets a warning mark while the server refuses one of its fields. */
    private static Tab tab(String id, String text, SettingsForm form, Node content) {
        Tab tab = new Tab(text, content);
        tab.setId(id);
        FontIcon mark = new FontIcon(FontAwesomeSolid.EXCLAMATION_CIRCLE);
        mark.setId(id + "Error");
        mark.getStyleClass().add("settings-error-mark");
        tab.graphicProperty().bind(Bindings.when(form.hasErrors()).then((Node) mark).otherwise((Node) null));
        return tab;
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Node widgetTab(SettingsForm form) {
        form.section("Appearance");
        form.textField("Title", "widget.title", model.text("widget.title"));
        form.row("Colour", "widget.primary_color", colorField());
        ComboBox<String> position = new ComboBox<>();
        position.getItems().addAll("right", "left");
        position.setId("widgetPosition");
        position.valueProperty().bindBidirectional(model.text("widget.position"));
        form.row("Position", "widget.position", position);
        form.textArea("Greeting", "texts.greeting", model.text("texts.greeting"), 2);

        form.section("Embedding");
        form.note("Paste this line into every page that should show the chat.");
        TextArea snippet = new TextArea();
        snippet.setId("embedSnippet");
        snippet.setEditable(false);
        snippet.setWrapText(true);
        snippet.setPrefRowCount(3);
        snippet.textProperty().bind(model.snippetProperty());
        Button copy = new Button("Copy", new FontIcon(FontAwesomeSolid.COPY));
        copy.setId("copySnippet");
        copy.disableProperty().bind(model.siteKeyProperty().isEmpty());
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.snippetProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button rotate = new Button("New site key", new FontIcon(FontAwesomeSolid.SYNC_ALT));
        rotate.setId("rotateSiteKey");
        rotate.getStyleClass().add(Styles.DANGER);
        rotate.disableProperty().bind(model.busyProperty());
        rotate.setOnAction(event -> confirmRotation());
        form.row("Snippet", "widget.site_key", new VBox(6, snippet, new HBox(8, copy, rotate)));
        CheckBox legacy = new CheckBox("Also accept the old widget (chatbot.js) for this tenant");
        legacy.setId("widgetLegacyWidgetEnabled");
        legacy.selectedProperty().bindBidirectional(model.flagProperty("widget.legacy_widget_enabled"));
        form.row("Old widget", "widget.legacy_widget_enabled", legacy);
        TextArea origins = form.textArea("Allowed websites", "widget.allowed_origins",
                model.text("widget.allowed_origins"), 3);
        origins.setPromptText("https://www.example.com (one per line, * for any)");

        Label previewTitle = new Label("Preview");
        previewTitle.getStyleClass().add(Styles.TITLE_4);
        Label previewNote = new Label("The real widget, with the values on the left, saved or not.");
        previewNote.getStyleClass().add(Styles.TEXT_MUTED);
        previewNote.setWrapText(true);
        previewNote.setMinHeight(Region.USE_PREF_SIZE);
        VBox preview = new VBox(6, previewTitle, previewNote, new WidgetPreview(model.previewPageProperty()));
        preview.setMinWidth(360);
        preview.setMaxWidth(460);
        ScrollPane formScroll = scroll(form);
        HBox.setHgrow(formScroll, Priority.ALWAYS);
        HBox tab = new HBox(16, formScroll, preview);
        tab.getStyleClass().add("settings-tab");
        return tab;
    }

    /** The colour as text (what is sent, so the server judges it) and a picker that fills it in. */
    private Node colorField() {
        TextField text = new TextField();
        text.setId(SettingsForm.idOf("widget.primary_color"));
        text.setPrefColumnCount(8);
        text.textProperty().bindBidirectional(model.text("widget.primary_color"));
        ColorPicker picker = new ColorPicker();
        picker.setId("widgetColorPicker");
        picker.getStyleClass().add(ColorPicker.STYLE_CLASS_BUTTON);
        text.textProperty().addListener((obs, was, now) -> {
            if (now != null && HEX_COLOR.matcher(now.strip()).matches()) {
                picker.setValue(Color.web(now.strip()));
            }
        });
        picker.setOnAction(event -> text.setText(hex(picker.getValue())));
        HBox row = new HBox(8, text, picker);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static String hex(Color color) {
        return String.format("#%02x%02x%02x", Math.round(color.getRed() * 255), Math.round(color.getGreen() * 255),
                Math.round(color.getBlue() * 255));
    }

    private void confirmRotation() {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "The current site key stops working at once: every website that embeds the widget shows no chat "
                        + "until its snippet is replaced with the new one.",
                ButtonType.CANCEL, ButtonType.OK);
        confirm.setHeaderText("Give the widget a new site key?");
        confirm.initOwner(getScene().getWindow());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.rotateSiteKey());
    }

    private SettingsForm hoursForm() {
        SettingsForm form = form();
        OpeningHours hours = model.hours();
        form.section("Business hours");
        form.note("Outside these hours visitors get the offline text and the widget offers a contact form.");
        ComboBox<String> zone = new ComboBox<>();
        zone.setId("timezone");
        zone.setEditable(true);
        zone.getItems().addAll(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.valueProperty().bindBidirectional(model.text("timezone"));
        form.row("Time zone", "timezone", zone);
        CheckBox always = new CheckBox("Always open");
        always.setId("alwaysOpen");
        always.selectedProperty().bindBidirectional(hours.alwaysOpenProperty());
        form.row("", "business_hours", always);
        for (int i = 0; i < SettingsDocument.DAYS.size(); i++) {
            OpeningHours.Day day = hours.day(SettingsDocument.DAYS.get(i));
            String name = DayOfWeek.of(i + 1).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            String path = "business_hours." + day.name();
            CheckBox open = new CheckBox("open");
            open.setId(SettingsForm.idOf(path) + "Open");
            open.selectedProperty().bindBidirectional(day.openProperty());
            TextField opens = time(path + ".opens", day.opensProperty());
            TextField closes = time(path + ".closes", day.closesProperty());
            HBox more = new HBox(8);
            more.setAlignment(Pos.CENTER_LEFT);
            day.moreRanges().addListener((ListChangeListener<OpeningHours.Range>) change -> showMoreRanges(day, more));
            showMoreRanges(day, more);
            Button add = new Button(null, new FontIcon(FontAwesomeSolid.PLUS));
            add.setId(SettingsForm.idOf(path) + "AddRange");
            add.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
            add.setTooltip(new Tooltip("More hours on this day (after a break)"));
            add.setOnAction(event -> day.addRange());
            HBox ranges = new HBox(8, opens, new Label("to"), closes, more, add);
            ranges.setAlignment(Pos.CENTER_LEFT);
            ranges.disableProperty().bind(open.selectedProperty().not());
            HBox row = new HBox(8, open, ranges);
            row.setAlignment(Pos.CENTER_LEFT);
            row.disableProperty().bind(hours.alwaysOpenProperty());
            form.row(name, path, row);
        }
        return form;
    }

    /** The day's ranges after the first, each with a button that removes it; ids count from 2 (the second range). */
    private static void showMoreRanges(OpeningHours.Day day, HBox more) {
        String id = SettingsForm.idOf("business_hours." + day.name());
        more.getChildren().clear();
        for (int i = 0; i < day.moreRanges().size(); i++) {
            OpeningHours.Range range = day.moreRanges().get(i);
            String n = Integer.toString(i + 2);
            Button remove = new Button(null, new FontIcon(FontAwesomeSolid.TIMES));
            remove.setId(id + "RemoveRange" + n);
            remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
            remove.setTooltip(new Tooltip("Remove these hours"));
            remove.setOnAction(event -> day.moreRanges().remove(range));
            TextField opens = time("business_hours." + day.name() + ".opens" + n, range.opens());
            TextField closes = time("business_hours." + day.name() + ".closes" + n, range.closes());
            more.getChildren().addAll(new Label("and"), opens, new Label("to"), closes, remove);
        }
    }

    private static TextField time(String path, StringProperty value) {
        TextField field = new TextField();
        field.setId(SettingsForm.idOf(path));
        field.setPrefColumnCount(5);
        field.setPromptText("HH:MM");
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private SettingsForm timersForm() {
        SettingsForm form = form();
        form.section("Escalation");
        form.note("While nobody has answered a visitor: first the patience text, then the escalation text and an "
                + "SMS alert to the staff on shift. 0 turns a step off.");
        number(form, "Patience text after (seconds)", "patience_seconds");
        number(form, "Escalate after (seconds)", "escalate_after_seconds");
        form.textField("Backup number for alerts", "backup_number", model.text("backup_number"))
                .setPromptText("+15550009999");
        form.section("Auto-close");
        number(form, "Close after inactivity (minutes)", "auto_close_minutes");
        CheckBox followup = new CheckBox("A follow-up form closes the conversation");
        followup.setId("followupClosesConversation");
        followup.selectedProperty().bindBidirectional(model.flagProperty("followup_closes_conversation"));
        form.row("Follow-ups", "followup_closes_conversation", followup);
        number(form, "Keep history (days)", "history_retention_days");
        return form;
    }

    private void number(SettingsForm form, String label, String path) {
        form.textField(label, path, model.text(path)).setPrefColumnCount(6);
    }

    private SettingsForm textsForm() {
        SettingsForm form = form();
        form.section("Messages to visitors and staff");
        form.note("An empty text turns that message off.");
        SettingsViewModel.TEXTS.forEach((key, label) -> {
            if (!"greeting".equals(key)) {
                form.textArea(label, "texts." + key, model.text("texts." + key), 2);
            }
        });
        return form;
    }

    private SettingsForm channelsForm() {
        SettingsForm form = form();
        form.note("Secrets are never shown, not even to admins. Type a new one to replace it; leave the field empty "
                + "to keep the current one.");
        form.section("Twilio (SMS and WhatsApp)");
        form.textField("Account SID", "twilio.account_sid", model.text("twilio.account_sid"));
        secret(form, "Auth token", "twilio.auth_token");
        form.textField("SMS number", "twilio.sms_number", model.text("twilio.sms_number"));
        form.textField("WhatsApp number", "twilio.whatsapp_number", model.text("twilio.whatsapp_number"));
        form.textField("Messaging Service SID", "twilio.messaging_service_sid",
                model.text("twilio.messaging_service_sid"));
        form.section("Facebook Messenger");
        form.textField("Page id", "messenger.page_id", model.text("messenger.page_id"));
        secret(form, "Page access token", "messenger.page_access_token");
        secret(form, "App secret", "messenger.app_secret");
        secret(form, "Verify token", "messenger.verify_token");
        return form;
    }

    private void secret(SettingsForm form, String label, String path) {
        SecretField secret = model.secret(path);
        Label status = new Label();
        status.setId(SettingsForm.idOf(path) + "Status");
        status.setMinWidth(110);
        status.textProperty().bind(secret.statusProperty());
        PasswordField replacement = new PasswordField();
        replacement.setId(SettingsForm.idOf(path));
        replacement.setPromptText("New value (empty: unchanged)");
        replacement.textProperty().bindBidirectional(secret.replacementProperty());
        HBox.setHgrow(replacement, Priority.ALWAYS);
        HBox row = new HBox(8, status, replacement);
        row.setAlignment(Pos.CENTER_LEFT);
        form.row(label, path, row);
    }
}
