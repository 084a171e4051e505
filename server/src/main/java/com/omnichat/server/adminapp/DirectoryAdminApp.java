package com.omnichat.server.adminapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Another admin web app build in a directory ({@code OMNICHAT_ADMIN_APP_DIR}), e.g. the legacy SPA. Read per request
 * so a redeployed build shows without a restart; a file must resolve, symbolic links included, inside the directory.
 */
public final class DirectoryAdminApp implements AdminAppFiles {
    private final Path root;

    public DirectoryAdminApp(Path directory) {
        try {
            this.root = directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<StaticFile> find(String path) {
        return AppPath.segments(path).flatMap(this::read);
    }

    @Override
    public Optional<StaticFile> index() {
        return read(List.of("index.html"));
    }

    private Optional<StaticFile> read(List<String> segments) {
        Path file = root;
        for (String segment : segments) {
            file = file.resolve(segment);
        }
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Path real = file.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real)) {
                return Optional.empty();
            }
            return Optional.of(StaticFile.of(real.getFileName().toString(), Files.readAllBytes(real)));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    @Override
    public boolean bundled() {
        return false;
    }
}
