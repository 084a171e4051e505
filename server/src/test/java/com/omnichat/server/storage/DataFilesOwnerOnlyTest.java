package com.omnichat.server.storage;

import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database, SQLite's companion files and the keys in the data directory are readable by the server's user only,
 * even in a directory others may enter (made by an installer or a volume mount) and under the usual 022 umask.
 */
class DataFilesOwnerOnlyTest {

    private static Map<String, String> developmentIn(Path dir) {
        // A blank JWT_SECRET counts as unset: development mode keeps a generated one in the data directory.
        return TestServer.withLifecycleOff(Map.of("OMNICHAT_DATA_DIR", dir.toString(), "OMNICHAT_ENV", "development",
                "JWT_SECRET", ""));
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theDatabaseItsWalAndShmAndTheKeysAreOwnerOnlyInADirectoryOthersMayRead(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectory(parent.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (TestServer server = TestServer.start(developmentIn(dir))) {
            Api api = server.api();
            assertThat(api.post("/webchat", null, Map.of("user_id", "visitor-files", "text", "hello")).status())
                    .isEqualTo(200);

            for (String name : new String[]{"omnichat.db", "omnichat.db-wal", "omnichat.db-shm", "secrets.key",
                    "jwt-secret"}) {
                assertThat(dir.resolve(name)).exists();
                assertThat(mode(dir.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void filesLeftReadableByAnEarlierVersionAreTightenedAtStart(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectory(parent.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (TestServer server = TestServer.start(developmentIn(dir))) {
            server.whileStopped(() -> {
                try {
                    for (String name : new String[]{"omnichat.db", "secrets.key", "jwt-secret"}) {
                        Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-r--r--"));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            for (String name : new String[]{"omnichat.db", "secrets.key", "jwt-secret"}) {
                assertThat(mode(dir.resolve(name))).as(name).isEqualTo("rw-------");
            }
            assertThat(server.api().get("/health", null).status()).isEqualTo(200);
        }
    }
}
