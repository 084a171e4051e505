package com.omnichat.desktop.ui.settings;

import com.omnichat.desktop.api.SettingsDocument;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A yes/no setting and its value as last loaded. */
public final class FlagField {
    private final String path;
    private final BooleanProperty value = new SimpleBooleanProperty();
    private boolean loaded;

    FlagField(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public BooleanProperty valueProperty() {
        return value;
    }

    void load(SettingsDocument settings) {
        loaded = settings.flag(path);
        value.set(loaded);
    }

    boolean changed() {
        return value.get() != loaded;
    }
}
