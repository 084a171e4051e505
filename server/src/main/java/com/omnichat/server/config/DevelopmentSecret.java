package com.omnichat.server.config;

import com.omnichat.server.auth.RandomTokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** In development mode only: a JWT secret generated once and kept in the data directory, readable by its owner only. */
public final class DevelopmentSecret {
    private DevelopmentSecret() {
    }

    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String secret = new RandomTokens().base64Url(48);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new ConfigException("Cannot keep the development JWT secret in " + file + ": " + e.getMessage());
        }
    }
}
