package com.omnichat.desktop.ui.history;

import java.nio.file.Path;
import java.util.Optional;

/** Asks where to save a file; empty when the person decides not to. A seam: tests answer with a temporary path. */
@FunctionalInterface
public interface SaveLocation {
    Optional<Path> choose(String suggestedName);
}
