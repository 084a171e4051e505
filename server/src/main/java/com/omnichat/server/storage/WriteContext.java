package com.omnichat.server.storage;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * What a unit of work sees: the writer's connection, and a list of actions to run only once the batch has committed
 * (publishing events to sockets, for example), in the order they were added.
 */
public final class WriteContext {
    private final Connection connection;
    private final List<Runnable> afterCommit = new ArrayList<>();

    WriteContext(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }
}
