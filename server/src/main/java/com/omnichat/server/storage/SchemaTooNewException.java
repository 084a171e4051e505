package com.omnichat.server.storage;

/** The database was migrated by a newer Omnichat than this one: running on it could corrupt what that version wrote. */
public final class SchemaTooNewException extends StorageException {
    SchemaTooNewException(String message) {
        super(message, null);
    }
}
