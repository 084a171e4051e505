package com.omnichat.desktop.ui.settings;

import com.omnichat.desktop.api.SettingsDocument;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A write-only credential. The server never returns it, only whether it is set (and, for the Twilio token, its
 * last four characters); the field holds a replacement, and an empty field leaves the stored one unchanged.
 */
public final class SecretField {
    private final String path;
    private final String setFlagPath;
    private final String hintPath;
    private final StringProperty replacement = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");

    SecretField(String path, String setFlagPath, String hintPath) {
        this.path = path;
        this.setFlagPath = setFlagPath;
        this.hintPath = hintPath;
    }

    public String path() {
        return path;
    }

    /** The new value typed by the admin; empty means unchanged. */
    public StringProperty replacementProperty() {
        return replacement;
    }

    /** "Set (…a1b2)", "Set" or "Not set", as the server reports it. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    void load(SettingsDocument settings) {
        String hint = hintPath == null ? null : settings.text(hintPath);
        status.set(!settings.flag(setFlagPath) ? "Not set" : hint == null ? "Set" : "Set (" + hint + ")");
        replacement.set("");
    }

    boolean changed() {
        return !replacement.get().isEmpty();
    }

    String wireValue() {
        return replacement.get().strip();
    }
}
