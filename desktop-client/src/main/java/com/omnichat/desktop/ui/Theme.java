package com.omnichat.desktop.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.prefs.Preferences;

/**
 * AtlantaFX Primer light or dark, remembered per OS user; our own rules in app.css use the theme's colour variables.
 */
public final class Theme {
    private static final String DARK = "dark_theme";

    private final Preferences preferences;
    private final BooleanProperty dark = new SimpleBooleanProperty();

    public Theme(Preferences preferences) {
        this.preferences = preferences;
        dark.set(preferences.getBoolean(DARK, false));
        dark.addListener((obs, was, now) -> {
            preferences.putBoolean(DARK, now);
            apply();
        });
    }

    public static String appStylesheet() {
        return Theme.class.getResource("app.css").toExternalForm();
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public void apply() {
        Application.setUserAgentStylesheet(dark.get()
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }
}
