package com.omnichat.desktop.ui.history;

import javafx.scene.Node;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/** The system's save dialog over the window of {@code owner}; opens where the last export went. */
public final class FileChooserLocation implements SaveLocation {
    private final Node owner;
    private File lastDirectory;

    public FileChooserLocation(Node owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> choose(String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export CSV");
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files (*.csv)", "*.csv"));
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            chooser.setInitialDirectory(lastDirectory);
        }
        File file = chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        if (file == null) {
            return Optional.empty();
        }
        lastDirectory = file.getParentFile();
        return Optional.of(file.toPath());
    }
}
