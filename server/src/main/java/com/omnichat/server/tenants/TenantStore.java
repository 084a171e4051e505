package com.omnichat.server.tenants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnichat.server.storage.SingleWriter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/**
 * SQL for tenants, their settings, their event counter and the identities (site keys, numbers) they own. Channel
 * credentials are sealed in the stored settings and opened here on the way out ({@link StoredCredentials}).
 */
public final class TenantStore implements SingleWriter.BatchHook {
    public static final String SITE_KEY = "site_key";
    /** An SMS or WhatsApp number (E.164, without {@code whatsapp:}) that routes inbound Twilio traffic. */
    public static final String PHONE_NUMBER = "phone_number";
    public static final String MESSAGING_SERVICE_SID = "messaging_service_sid";
    public static final String MESSENGER_PAGE_ID = "messenger_page_id";
    /** A widget origin other than {@code *}, lower-cased: keyless legacy traffic from it belongs to its tenant. */
    public static final String WIDGET_ORIGIN = "widget_origin";

    private final ObjectMapper json;
    private final StoredCredentials credentials;
    /** Touched only by the writer thread. */
    private final Map<Long, Long> lastSeq = new HashMap<>();
    private final Set<Long> dirtySeqs = new HashSet<>();

    public TenantStore(ObjectMapper json, StoredCredentials credentials) {
        this.json = json;
        this.credentials = credentials;
    }

    public long insert(Connection c, String name, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tenants(name, settings, created_at) VALUES (?, '{}', ?) RETURNING id")) {
            ps.setString(1, name);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void insertWithId(Connection c, long id, String name, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tenants(id, name, settings, created_at) VALUES (?, ?, '{}', ?)")) {
            ps.setLong(1, id);
            ps.setString(2, name);
            ps.setLong(3, now);
            ps.executeUpdate();
        }
    }

    public Optional<Tenant> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, disabled, settings, created_at FROM tenants WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Whether the tenant exists and is enabled, without reading its settings: every authenticated request asks. */
    public boolean isEnabled(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT disabled FROM tenants WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 0;
            }
        }
    }

    public List<Tenant> all(Connection c) throws SQLException {
        List<Tenant> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, disabled, settings, created_at FROM tenants ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(map(rs));
            }
        }
        return result;
    }

    public boolean any(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS(SELECT 1 FROM tenants)");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    public void update(Connection c, long id, String name, boolean disabled) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tenants SET name = ?, disabled = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setInt(2, disabled ? 1 : 0);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public void saveSettings(Connection c, long id, TenantSettings settings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tenants SET settings = ? WHERE id = ?")) {
            ps.setString(1, json.writeValueAsString(credentials.seal(id, settings.document())));
            ps.setLong(2, id);
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new SQLException("Settings are not serialisable", e);
        }
    }

    /** Whether the tenant's stored settings still hold a credential in plain text, saved before encryption at rest. */
    boolean hasPlainCredentials(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT settings FROM tenants WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && credentials.anyPlain(json.readTree(rs.getString(1)));
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("Tenant settings are not JSON", e);
        }
    }

    /**
     * The tenant's next event number. Only the single writer calls this, inside the change's transaction: each batch
     * reads a tenant's counter once with a no-op update, which takes the write lock (so another process, such as an
     * operator command, cannot move it until the commit), counts in memory and writes it back just before its commit
     * ({@link #beforeCommit}). A unit rolled back to its savepoint
     * leaves a gap, which clients tolerate: they only track the highest seq.
     */
    public long nextSeq(Connection c, long tenantId) throws SQLException {
        Long last = lastSeq.get(tenantId);
        if (last == null) {
            last = lockedSeq(c, tenantId);
        }
        long next = last + 1;
        lastSeq.put(tenantId, next);
        dirtySeqs.add(tenantId);
        return next;
    }

    /** Writes the counters moved by this batch; the writer calls it right before committing. */
    @Override
    public void beforeCommit(Connection c) throws SQLException {
        if (dirtySeqs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE tenants SET last_seq = ? WHERE id = ?")) {
            for (long tenantId : dirtySeqs) {
                ps.setLong(1, lastSeq.get(tenantId));
                ps.setLong(2, tenantId);
                ps.executeUpdate();
            }
        }
        dirtySeqs.clear();
    }

    @Override
    public void beforeBatch() {
        lastSeq.clear();
        dirtySeqs.clear();
    }


    private static long lockedSeq(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tenants SET last_seq = last_seq WHERE id = ? RETURNING last_seq")) {
            ps.setLong(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("No tenant " + tenantId);
                }
                return rs.getLong(1);
            }
        }
    }

    public long headSeq(Connection c, long tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM tenants WHERE id = ?")) {
            ps.setLong(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    public void addIdentity(Connection c, String kind, String value, long tenantId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO channel_identities(kind, value, tenant_id, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, kind);
            ps.setString(2, value);
            ps.setLong(3, tenantId);
            ps.setLong(4, now);
            ps.executeUpdate();
        }
    }

    public Optional<Long> tenantOfIdentity(Connection c, String kind, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tenant_id FROM channel_identities WHERE kind = ? AND value = ?")) {
            ps.setString(1, kind);
            ps.setString(2, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    public Optional<String> identityOf(Connection c, String kind, long tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT value FROM channel_identities WHERE kind = ? AND tenant_id = ? ORDER BY created_at DESC LIMIT 1")) {
            ps.setString(1, kind);
            ps.setLong(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Every value of one kind the tenant owns, oldest first. */
    public List<String> identitiesOf(Connection c, String kind, long tenantId) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT value FROM channel_identities WHERE kind = ? AND tenant_id = ? ORDER BY created_at, value")) {
            ps.setString(1, kind);
            ps.setLong(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    public void removeIdentity(Connection c, String kind, String value, long tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM channel_identities WHERE kind = ? AND value = ? AND tenant_id = ?")) {
            ps.setString(1, kind);
            ps.setString(2, value);
            ps.setLong(3, tenantId);
            ps.executeUpdate();
        }
    }

    public long count(Connection c, String table, long tenantId) throws SQLException {
        if (!table.equals("users") && !table.equals("conversations")) {
            throw new IllegalArgumentException(table);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?")) {
            ps.setLong(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Tenant map(ResultSet rs) throws SQLException {
        try {
            long id = rs.getLong("id");
            JsonNode stored = json.readTree(rs.getString("settings"));
            JsonNode settings = stored instanceof ObjectNode document ? credentials.open(id, document) : stored;
            return new Tenant(id, rs.getString("name"), rs.getInt("disabled") == 1, new TenantSettings(settings),
                    rs.getLong("created_at"));
        } catch (JsonProcessingException e) {
            throw new SQLException("Tenant settings are not JSON", e);
        }
    }
}
