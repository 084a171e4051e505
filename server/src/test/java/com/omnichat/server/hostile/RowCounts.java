package com.omnichat.server.hostile;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The number of rows in every table of the server's database (and the tenants' event counters), read through a
 * connection of our own. Audit rows of the refusals the contract says to record (a failed sign-in, a webhook with a
 * bad signature; PROTOCOL.md A.4, D.1, D.3) are left out: those are the only writes a refused request may make.
 */
final class RowCounts implements AutoCloseable {
    static final Set<String> AUDITED_REFUSALS = Set.of("auth.login_failed", "webhook.rejected");

    private final Connection connection;
    private final List<String> tables = new ArrayList<>();

    RowCounts(Path database) throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                     + "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'flyway_%' AND name <> 'audit_events' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
    }

    Map<String, Long> now() {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement st = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT type, COUNT(*) FROM audit_events GROUP BY type")) {
                while (rs.next()) {
                    if (!AUDITED_REFUSALS.contains(rs.getString(1))) {
                        counts.put("audit_events:" + rs.getString(1), rs.getLong(2));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT SUM(last_seq) FROM tenants")) {
                rs.next();
                counts.put("tenants.last_seq", rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
