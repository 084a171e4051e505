package com.omnichat.server.secrets;

import com.omnichat.server.config.ConfigException;
import com.omnichat.server.storage.DataDirectory;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The AES-256 key that encrypts channel credentials at rest: {@code OMNICHAT_SECRETS_KEY} when the operator keeps it
 * outside the data directory, else {@code secrets.key} in the data directory, generated on the first start and
 * readable by its owner only. A backup of the database alone therefore does not reveal the credentials.
 */
public final class SecretsKey {
    private static final int KEY_BYTES = 32;

    private final SecretKey key;
    private final String source;
    private final Optional<Path> generatedFile;

    private SecretsKey(SecretKey key, String source, Optional<Path> generatedFile) {
        this.key = key;
        this.source = source;
        this.generatedFile = generatedFile;
    }

    /** The key from the environment (already checked by the config loader) or the data directory's file. */
    public static SecretsKey load(Optional<String> fromEnvironment, Path dataDir) {
        if (fromEnvironment.isPresent()) {
            return new SecretsKey(aes(Base64.getDecoder().decode(fromEnvironment.get().trim())), "OMNICHAT_SECRETS_KEY",
                    Optional.empty());
        }
        Path file = dataDir.resolve(DataDirectory.SECRETS_KEY);
        try {
            if (Files.exists(file)) {
                byte[] key = decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
                if (key.length != KEY_BYTES) {
                    throw new ConfigException(file + " is not a secrets key (32 bytes in Base64); restore it from a "
                            + "backup, or set OMNICHAT_SECRETS_KEY to the key the credentials were encrypted with");
                }
                return new SecretsKey(aes(key), file.toString(), Optional.empty());
            }
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            // Written aside and moved into place, so a crash during the first start never leaves a half-written key.
            Path fresh = dataDir.resolve(DataDirectory.SECRETS_KEY + ".new");
            DataDirectory.createOwnerOnly(fresh);
            Files.writeString(fresh, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
            return new SecretsKey(aes(key), file.toString(), Optional.of(file));
        } catch (IOException e) {
            throw new ConfigException("Cannot keep the secrets key in " + file + ": " + e.getMessage());
        }
    }

    SecretKey key() {
        return key;
    }

    /** Where the key came from, for error messages: the variable's name or the file's path, never the key. */
    public String source() {
        return source;
    }

    /**
     * Whether this start created the key file: a database that already holds encrypted credentials then lost its key,
     * and the new file is removed again so that restoring the old one is the only way forward.
     */
    public boolean generatedNow() {
        return generatedFile.isPresent();
    }

    /** Removes a key file this start generated (see {@link #generatedNow()}). */
    public void forgetGenerated() {
        generatedFile.ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // The refusal to start that follows says what to do; a stale new key file only repeats it.
            }
        });
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static SecretKey aes(byte[] bytes) {
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public String toString() {
        return "SecretsKey[" + source + "]";
    }
}
