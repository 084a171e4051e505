package com.omnichat.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows in the tables an operator recognises, to compare a copy with its source at a glance. */
public record TableCounts(Map<String, Long> rows) {
    static final List<String> MAIN_TABLES = List.of("tenants", "users", "visitors", "conversations", "messages",
            "followups", "history", "audit_events", "delivery_outbox", "flyway_schema_history");

    /** Counts the main tables that exist; run inside a transaction, every count belongs to the same snapshot. */
    static TableCounts read(Connection connection) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : MAIN_TABLES) {
            if (exists(connection, table)) {
                try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + table);
                     ResultSet result = count.executeQuery()) {
                    result.next();
                    rows.put(table, result.getLong(1));
                }
            }
        }
        return new TableCounts(Collections.unmodifiableMap(rows));
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }
}
