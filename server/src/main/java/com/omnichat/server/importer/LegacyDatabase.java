package com.omnichat.server.importer;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The old system's SQLite file, opened read-only: which tables and columns it has, and their rows. */
final class LegacyDatabase implements AutoCloseable {
    private final Connection connection;
    private final Map<String, Set<String>> columns;

    private LegacyDatabase(Connection connection, Map<String, Set<String>> columns) {
        this.connection = connection;
        this.columns = columns;
    }

    static LegacyDatabase open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LegacyImportException("No such file: " + file);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            return new LegacyDatabase(connection, readSchema(connection));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new LegacyImportException("Not a readable SQLite database: " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, Set<String>> readSchema(Connection c) throws SQLException {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String table : tables) {
            Set<String> names = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1).toLowerCase());
                    }
                }
            }
            result.put(table.toLowerCase(), names);
        }
        return result;
    }

    Set<String> tables() {
        return columns.keySet();
    }

    boolean has(String table) {
        return columns.containsKey(table);
    }

    Set<String> columns(String table) {
        return columns.getOrDefault(table, Set.of());
    }

    /** The wanted columns that exist, in rowid order; the others read as null. */
    List<LegacyRow> rows(String table, List<String> wanted) {
        List<String> present = wanted.stream().filter(columns(table)::contains).toList();
        StringBuilder sql = new StringBuilder("SELECT rowid");
        present.forEach(column -> sql.append(", \"").append(column).append('"'));
        sql.append(" FROM \"").append(table).append("\" ORDER BY rowid");
        List<LegacyRow> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.toString()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < present.size(); i++) {
                    values.put(present.get(i), rs.getObject(i + 2));
                }
                rows.add(new LegacyRow(rs.getLong(1), values));
            }
        } catch (SQLException e) {
            throw new LegacyImportException("Cannot read table " + table + ": " + e.getMessage(), e);
        }
        return rows;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // Nothing was written through it; a failed close loses nothing.
        }
    }
}
