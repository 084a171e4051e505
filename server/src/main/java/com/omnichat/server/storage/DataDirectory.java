package com.omnichat.server.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The data directory holds the database, the key that encrypts channel credentials and, in development, the JWT
 * secret: only the server's own user may read them, whoever made the directory and whatever the umask.
 */
public final class DataDirectory {
    public static final String DATABASE = "omnichat.db";
    public static final String SECRETS_KEY = "secrets.key";
    public static final String JWT_SECRET = "jwt-secret";
    /** Every file the server keeps there; SQLite's companions hold recent pages of the database. */
    static final List<String> OWNER_ONLY = List.of(DATABASE, DATABASE + "-wal", DATABASE + "-shm",
            DATABASE + "-journal", SECRETS_KEY, JWT_SECRET);

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /**
     * Creates the directory (owner only) if needed, tightens any of our files a looser mode left readable by others,
     * and creates an empty database file readable by its owner only: SQLite gives its {@code -wal}, {@code -shm} and
     * {@code -journal} files the mode of the database file, so they are born private too.
     */
    static void prepare(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        for (String name : OWNER_ONLY) {
            tighten(dir.resolve(name));
        }
        createOwnerOnly(dir.resolve(DATABASE));
    }

    /** Creates an empty file only its owner may read; false when it already exists. */
    public static boolean createOwnerOnly(Path file) throws IOException {
        try {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
            Files.createFile(file, mode);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static void tighten(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> ownerOnly = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : mode) {
            if (permission.name().startsWith("OWNER_")) {
                ownerOnly.add(permission);
            }
        }
        if (!ownerOnly.equals(mode)) {
            Files.setPosixFilePermissions(file, ownerOnly);
            LOG.warn("{} was open to other users ({}); its mode is now {}", file, PosixFilePermissions.toString(mode),
                    PosixFilePermissions.toString(ownerOnly));
        }
    }
}
