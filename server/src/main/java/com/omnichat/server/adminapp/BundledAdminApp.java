package com.omnichat.server.adminapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Our admin web page, read once from the server's classpath ({@code /admin-app/}). Requests only look names up in
 * that table, so no request path ever reaches a file system.
 */
public final class BundledAdminApp implements AdminAppFiles {
    private static final String ROOT = "/admin-app/";

    private final Map<String, StaticFile> files;

    private BundledAdminApp(Map<String, StaticFile> files) {
        this.files = Map.copyOf(files);
    }

    public static BundledAdminApp load() {
        URL index = BundledAdminApp.class.getResource(ROOT + "index.html");
        if (index == null) {
            throw new IllegalStateException("The server jar is missing the admin web app");
        }
        try {
            URI uri = index.toURI();
            if (uri.getScheme().equals("jar")) {
                return fromJar(uri);
            }
            return new BundledAdminApp(read(Path.of(uri).getParent()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BundledAdminApp fromJar(URI uri) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
            return new BundledAdminApp(read(jar.getPath(ROOT)));
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
            return new BundledAdminApp(read(FileSystems.getFileSystem(uri).getPath(ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, StaticFile> read(Path root) {
        Map<String, StaticFile> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                files.put(name, StaticFile.of(name, Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @Override
    public Optional<StaticFile> find(String path) {
        return AppPath.segments(path).map(segments -> files.get(String.join("/", segments)));
    }

    @Override
    public Optional<StaticFile> index() {
        return Optional.ofNullable(files.get("index.html"));
    }

    @Override
    public boolean bundled() {
        return true;
    }
}
