package com.omnichat.server.importer;

/** An import refused before anything was written: unreadable file, unknown tenant. */
public final class LegacyImportException extends RuntimeException {
    public LegacyImportException(String message) {
        super(message);
    }

    public LegacyImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
