package com.omnichat.server.config;

import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.storage.DataDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** In development mode only: a JWT secret generated once and kept in the data directory, readable by its owner only. */
public final class DevelopmentSecret {
    private DevelopmentSecret() {
    }

    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(DataDirectory.JWT_SECRET);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String secret = new RandomTokens().base64Url(48);
            DataDirectory.createOwnerOnly(file);
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new ConfigException("Cannot keep the development JWT secret in " + file + ": " + e.getMessage());
        }
    }
}
