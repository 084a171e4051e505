package com.omnichat.server.storage;

import java.sql.SQLException;

/** A unit of work for the single writer; it runs inside a savepoint of the current batch. */
@FunctionalInterface
public interface WriteWork<T> {
    T apply(WriteContext tx) throws SQLException;
}
