package com.omnichat.desktop.ui.settings;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableMap;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.HashSet;
import java.util.Set;

/**
 * Labelled rows of settings, each with room below its control for the server's complaint about that field. Node
 * ids follow the setting's path in camel case ({@code widget.primary_color} → {@code #widgetPrimaryColor}, its
 * error {@code #widgetPrimaryColorError}).
 */
final class SettingsForm extends GridPane {
    private final ObservableMap<String, String> errors;
    private final Set<String> paths = new HashSet<>();
    private int rows;

    SettingsForm(ObservableMap<String, String> errors) {
        this.errors = errors;
        getStyleClass().add("settings-form");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(180);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        getColumnConstraints().addAll(labels, controls);
    }

    static String idOf(String path) {
        StringBuilder id = new StringBuilder();
        boolean upper = false;
        for (char c : path.toCharArray()) {
            if (c == '.' || c == '_') {
                upper = true;
            } else {
                id.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return id.toString();
    }

    /** A heading across both columns. */
    void section(String title) {
        Label heading = new Label(title);
        heading.getStyleClass().addAll(Styles.TITLE_4, "settings-section");
        add(heading, 0, rows++, 2, 1);
    }

    /** A short explanation across both columns. */
    void note(String text) {
        Label note = new Label(text);
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        add(note, 0, rows++, 2, 1);
    }

    TextField textField(String label, String path, StringProperty value) {
        TextField field = new TextField();
        field.setId(idOf(path));
        field.textProperty().bindBidirectional(value);
        row(label, path, field);
        return field;
    }

    TextArea textArea(String label, String path, StringProperty value, int lines) {
        TextArea area = new TextArea();
        area.setId(idOf(path));
        area.setPrefRowCount(lines);
        area.setWrapText(true);
        area.textProperty().bindBidirectional(value);
        row(label, path, area);
        return area;
    }

    /** A row that shows, below its control, the error reported for {@code path}. */
    void row(String label, String path, Node control) {
        Label name = new Label(label);
        name.setLabelFor(control);
        name.setWrapText(true);
        add(name, 0, rows);
        add(new VBox(4, control, error(path)), 1, rows++);
    }

    /** Whether the server complained about a field of this form (the tab shows a mark, the field may be hidden). */
    BooleanBinding hasErrors() {
        return Bindings.createBooleanBinding(() -> errors.keySet().stream().anyMatch(paths::contains), errors);
    }

    Label error(String path) {
        paths.add(path);
        Label error = new Label();
        error.setId(idOf(path) + "Error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        StringBinding reason = Bindings.stringValueAt(errors, path);
        error.textProperty().bind(reason);
        error.visibleProperty().bind(reason.isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }
}
