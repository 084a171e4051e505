package com.omnichat.desktop;

import javafx.application.Application;

/** Entry point that does not extend Application, so a plain classpath launch finds JavaFX without module flags. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(DesktopApp.class, args);
        // The tray icon starts AWT threads that would keep the process alive after the last window closed.
        System.exit(0);
    }
}
