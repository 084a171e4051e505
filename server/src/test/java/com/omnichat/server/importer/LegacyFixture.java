package com.omnichat.server.importer;

import org.mindrot.jbcrypt.BCrypt;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Old databases as the previous system left them, built with plain JDBC. */
final class LegacyFixture {
    static final String ANN_PASSWORD = "old-password-1";

    private LegacyFixture() {
    }

    /**
     * The newer shape: followups with email/phone/viewed, conversations with the extra columns and a duplicate row,
     * messages without a conversation row, mixed time formats, a $2b$12$ user, events and ignored tables.
     */
    static Path newer(Path dir) throws SQLException {
        Path file = dir.resolve("handoff.sqlite");
        String annHash = "$2b$" + BCrypt.hashpw(ANN_PASSWORD, BCrypt.gensalt(12)).substring(4);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE tenants(id INTEGER PRIMARY KEY, name TEXT, created_at TEXT)");
            s.executeUpdate("INSERT INTO tenants VALUES (1, 'Old Co', '2023-01-01 00:00:00')");
            s.executeUpdate("CREATE TABLE users(id INTEGER PRIMARY KEY, tenant_id INTEGER, email TEXT UNIQUE, name TEXT, "
                    + "password_hash TEXT, role TEXT, created_at TEXT)");
            s.executeUpdate("INSERT INTO users VALUES (1, 1, 'Ann@Old.example', 'Ann Old', '" + annHash
                    + "', 'admin', '2024-01-02 03:04:05')");
            s.executeUpdate("INSERT INTO users VALUES (2, 1, 'admin@dwc.com', 'Clash', '" + annHash
                    + "', 'admin', '2024-01-02 03:04:05')");
            s.executeUpdate("INSERT INTO users VALUES (3, 1, 'bob@old.example', 'Bob', '" + annHash
                    + "', 'staff', 'last tuesday')");
            s.executeUpdate("""
                    CREATE TABLE conversations(id INTEGER PRIMARY KEY, user_id TEXT, channel TEXT, assigned_staff TEXT,
                        open INTEGER, updated_at TEXT, patience_sent INTEGER, final_sent INTEGER,
                        escalation_active INTEGER, tenant_id INTEGER, assigned_staff_id INTEGER, created_at TEXT,
                        first_user_message_at TEXT, first_staff_reply_at TEXT, closed_at TEXT, resolved INTEGER,
                        last_staff_activity_at TEXT)""");
            s.executeUpdate("INSERT INTO conversations(user_id, channel, open, updated_at, final_sent, escalation_active) "
                    + "VALUES ('visitor-a', 'webchat', 0, '2024-03-01T10:00:00Z', 0, 0)");
            s.executeUpdate("INSERT INTO conversations(user_id, channel, assigned_staff, open, updated_at, patience_sent, "
                    + "final_sent, escalation_active, tenant_id, assigned_staff_id) VALUES ('visitor-a', 'webchat', "
                    + "'Ann Old', 1, '2024-03-01T10:05:00.123456Z', 1, 1, 1, 1, 1)");
            s.executeUpdate("INSERT INTO conversations(user_id, channel, open, updated_at, final_sent, escalation_active) "
                    + "VALUES ('+15551234567', 'sms', 0, '2024-02-01T09:00:00Z', 0, 0)");
            s.executeUpdate("INSERT INTO conversations(user_id, channel, open, updated_at, final_sent, escalation_active) "
                    + "VALUES ('visitor-empty', 'webchat', 1, '2024-03-02 08:00:00', 0, 1)");
            s.executeUpdate("CREATE TABLE messages(id INTEGER PRIMARY KEY, user_id TEXT, channel TEXT, sender TEXT, "
                    + "text TEXT, ts TEXT, tenant_id INTEGER, staff_id INTEGER)");
            // Stored out of time order on purpose: the import orders by ts.
            message(s, "visitor-a", "webchat", "staff", "hi, Ann here", "2024-03-01 10:01:00", 1);
            message(s, "visitor-a", "webchat", "user", "hello", "2024-03-01T10:00:00Z", null);
            message(s, "visitor-a", "webchat", "user", "thanks", "2024-03-01T10:02:00+00:00", null);
            message(s, "visitor-a", "webchat", "system", "Connecting you", "2024-03-01T10:00:00.500000Z", null);
            message(s, "visitor-a", "webchat", "user", "lost", "not a time", null);
            s.executeUpdate("INSERT INTO messages(user_id, channel, sender, text, ts) VALUES "
                    + "(NULL, 'webchat', 'user', 'from nobody', '2024-03-01T10:00:00Z')");
            message(s, "+15551234567", "sms", "user", "need help", "2024-02-01T09:00:00.000001Z", null);
            message(s, "+15551234567", "sms", "staff", "done", "2024-02-01T09:30:00Z", 1);
            message(s, "visitor-orphan", "webchat", "user", "anyone?", "2024-01-15T12:00:00", null);
            message(s, "visitor-orphan", "webchat", "user", "hello?", "2024-01-15T12:01:00Z", null);
            s.executeUpdate("CREATE TABLE followups(id INTEGER PRIMARY KEY, user_id TEXT, channel TEXT, name TEXT, "
                    + "email TEXT, phone TEXT, message TEXT, ts TEXT, viewed INTEGER)");
            s.executeUpdate("INSERT INTO followups(user_id, channel, name, email, phone, message, ts, viewed) VALUES "
                    + "('visitor-a', 'webchat', 'Alice', 'alice@example.com', NULL, 'Call me', '2024-03-01T10:03:00Z', 1)");
            s.executeUpdate("INSERT INTO followups(user_id, channel, name, email, phone, message, ts, viewed) VALUES "
                    + "('visitor-orphan', 'webchat', 'Otto', NULL, '+15559998888', 'Text me', '2024-01-15 12:02:00', 0)");
            s.executeUpdate("CREATE TABLE history(id INTEGER PRIMARY KEY, user_id TEXT, channel TEXT, name TEXT, "
                    + "contact TEXT, message TEXT, ts TEXT, migrated_at TEXT)");
            s.executeUpdate("INSERT INTO history(user_id, channel, name, contact, message, ts, migrated_at) VALUES "
                    + "('visitor-gone', 'webchat', 'Hal', 'Email: hal@example.com, Phone: N/A', 'Old request', "
                    + "'2023-12-01T08:00:00Z', '2023-12-20 09:00:00')");
            s.executeUpdate("CREATE TABLE events(id INTEGER PRIMARY KEY, user_id TEXT, tenant_id INTEGER, type TEXT, "
                    + "payload TEXT, ts TEXT)");
            s.executeUpdate("INSERT INTO events(user_id, tenant_id, type, payload, ts) VALUES "
                    + "('visitor-a', 1, 'escalated', '{\"reason\":\"timeout\"}', '2024-03-01 10:05:00')");
            s.executeUpdate("CREATE TABLE conversation_metrics(id INTEGER PRIMARY KEY, user_id TEXT, response_ms INTEGER)");
        }
        return file;
    }

    /** The older shape: no users, history or events tables, conversations without escalation columns, contact text. */
    static Path older(Path dir) throws SQLException {
        Path file = dir.resolve("older.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE conversations(id INTEGER PRIMARY KEY, user_id TEXT, channel TEXT, "
                    + "assigned_staff TEXT, open INTEGER, updated_at TEXT, patience_sent INTEGER)");
            s.executeUpdate("INSERT INTO conversations(user_id, channel, open, updated_at, patience_sent) VALUES "
                    + "('visitor-b', 'webchat', 1, '2023-05-05T05:06:00', 0)");
            s.executeUpdate("CREATE TABLE messages(id INTEGER PRIMARY KEY, user_id TEXT, channel TEXT, sender TEXT, "
                    + "text TEXT, ts TEXT)");
            s.executeUpdate("INSERT INTO messages(user_id, channel, sender, text, ts) VALUES "
                    + "('visitor-b', 'webchat', 'user', 'old hello', '2023-05-05T05:05:05')");
            s.executeUpdate("INSERT INTO messages(user_id, channel, sender, text, ts) VALUES "
                    + "('visitor-b', 'webchat', 'staff', 'old reply', '2023-05-05 05:06:00')");
            s.executeUpdate("CREATE TABLE followups(id INTEGER PRIMARY KEY, user_id TEXT, channel TEXT, name TEXT, "
                    + "contact TEXT, message TEXT, ts TEXT)");
            s.executeUpdate("INSERT INTO followups(user_id, channel, name, contact, message, ts) VALUES "
                    + "('visitor-b', 'webchat', 'Bea', 'Email: bea@example.com, Phone: +15550001111', 'Ring me', "
                    + "'2023-05-05T05:07:00.250Z')");
        }
        return file;
    }

    private static void message(Statement s, String userId, String channel, String sender, String text, String ts,
                                Integer staffId) throws SQLException {
        s.executeUpdate("INSERT INTO messages(user_id, channel, sender, text, ts, tenant_id, staff_id) VALUES ('"
                + userId + "', '" + channel + "', '" + sender + "', '" + text + "', '" + ts + "', 1, " + staffId + ")");
    }
}
