package com.omnichat.desktop.ui.settings;

import com.omnichat.desktop.api.SettingsDocument;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One setting edited as text: where it lives in the settings document, the text on the form and the text as last
 * loaded, so a save sends only what the admin changed. Values go to the server as typed (a number that does not
 * parse is sent as text): the server's validation is the one that counts, and its message names the field.
 */
public final class SettingField {
    /** How the text on the form becomes the JSON value. */
    public enum Kind {
        /** Sent as is; an empty text is a value too (an empty message text disables that message). */
        TEXT,
        /** An empty field clears the setting ({@code null}). */
        OPTIONAL,
        /** A whole number. */
        NUMBER,
        /** One value per line, sent as an array. */
        LINES
    }

    private final String path;
    private final Kind kind;
    private final StringProperty value = new SimpleStringProperty("");
    private String loaded = "";

    SettingField(String path, Kind kind) {
        this.path = path;
        this.kind = kind;
    }

    public String path() {
        return path;
    }

    public StringProperty valueProperty() {
        return value;
    }

    void load(SettingsDocument settings) {
        loaded = kind == Kind.LINES ? String.join("\n", settings.list(path))
                : Objects.requireNonNullElse(settings.text(path), "");
        value.set(loaded);
    }

    boolean changed() {
        return !Objects.equals(wireValue(value.get()), wireValue(loaded));
    }

    Object wireValue() {
        return wireValue(value.get());
    }

    private Object wireValue(String text) {
        String trimmed = text == null ? "" : text.strip();
        return switch (kind) {
            case TEXT -> text == null ? "" : text;
            case OPTIONAL -> trimmed.isEmpty() ? null : trimmed;
            case NUMBER -> number(trimmed);
            case LINES -> lines(trimmed);
        };
    }

    private static Object number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
