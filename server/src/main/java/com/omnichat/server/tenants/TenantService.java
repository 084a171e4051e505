package com.omnichat.server.tenants;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.auth.PasswordHasher;
import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.storage.Database;
import com.omnichat.server.users.UserStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tenants as the operator sees them: first start, creation with a first admin and a site key, enable/disable. */
public final class TenantService {
    public static final String DEFAULT_TENANT_NAME = "Default Tenant";

    private final Database db;
    private final TenantStore tenants;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final RandomTokens random;
    private final AuditLog audit;
    private final Clock clock;

    public TenantService(Database db, TenantStore tenants, UserStore users, PasswordHasher hasher, RandomTokens random,
                         AuditLog audit, Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.users = users;
        this.hasher = hasher;
        this.random = random;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a tenant creation hands out once: the generated password is shown here and never again. */
    public record Created(long tenantId, String tenantName, String siteKey, long adminId, String adminEmail,
                          String generatedPassword) {
    }

    public record Summary(long id, String name, boolean disabled, long createdAt, long users, long conversations,
                          String siteKey) {
    }

    /**
     * On a database without any user: the default tenant and its first admin. Returns empty on later starts, so the
     * admin is never recreated and no password is printed again.
     */
    public Optional<Created> bootstrap(long defaultTenantId, String adminEmail, Optional<String> adminPassword) {
        return db.writer().execute(tx -> {
            Connection c = tx.connection();
            if (users.any(c)) {
                return Optional.<Created>empty();
            }
            long now = now();
            long tenantId = defaultTenantId > 0 ? defaultTenantId : 1;
            if (tenants.find(c, tenantId).isEmpty()) {
                tenants.insertWithId(c, tenantId, DEFAULT_TENANT_NAME, now);
            }
            String siteKey = tenants.identityOf(c, TenantStore.SITE_KEY, tenantId).orElse(null);
            if (siteKey == null) {
                siteKey = newSiteKey();
                tenants.addIdentity(c, TenantStore.SITE_KEY, siteKey, tenantId, now);
            }
            return Optional.of(createAdmin(c, tenantId, DEFAULT_TENANT_NAME, siteKey, adminEmail, "Default Admin",
                    adminPassword, now));
        });
    }

    public Created create(String name, String adminEmail, String adminName, Optional<String> adminPassword) {
        String email = adminEmail.trim().toLowerCase();
        adminPassword.ifPresent(PasswordRules::check);
        return db.writer().execute(tx -> {
            Connection c = tx.connection();
            if (users.byEmail(c, email).isPresent()) {
                throw ApiException.conflict("conflict", "A user with this email already exists");
            }
            long now = now();
            long tenantId = tenants.insert(c, name.trim(), now);
            String siteKey = newSiteKey();
            tenants.addIdentity(c, TenantStore.SITE_KEY, siteKey, tenantId, now);
            Created created = createAdmin(c, tenantId, name.trim(), siteKey, email,
                    adminName == null || adminName.isBlank() ? "Admin" : adminName.trim(), adminPassword, now);
            audit.record(c, new AuditEntry(tenantId, "tenant.created", "platform", null, null, "tenant",
                    Long.toString(tenantId), null, Map.of("admin_email", email)), now);
            return created;
        });
    }

    private Created createAdmin(Connection c, long tenantId, String tenantName, String siteKey, String email,
                                String name, Optional<String> password, long now) throws SQLException {
        String chosen = password.orElseGet(random::password);
        long adminId = users.insert(c, tenantId, email.trim().toLowerCase(), name, hasher.hash(chosen), "admin", now);
        return new Created(tenantId, tenantName, siteKey, adminId, email.trim().toLowerCase(),
                password.isPresent() ? null : chosen);
    }

    public List<Summary> list() {
        return db.read(c -> {
            List<Summary> result = new java.util.ArrayList<>();
            for (Tenant tenant : tenants.all(c)) {
                result.add(new Summary(tenant.id(), tenant.name(), tenant.disabled(), tenant.createdAt(),
                        tenants.count(c, "users", tenant.id()), tenants.count(c, "conversations", tenant.id()),
                        tenants.identityOf(c, TenantStore.SITE_KEY, tenant.id()).orElse(null)));
            }
            return result;
        });
    }

    public Summary update(long id, Optional<String> name, Optional<Boolean> disabled) {
        db.writer().execute(tx -> {
            Connection c = tx.connection();
            Tenant tenant = tenants.find(c, id).orElseThrow(() -> ApiException.notFound("Tenant not found"));
            tenants.update(c, id, name.map(String::trim).orElse(tenant.name()), disabled.orElse(tenant.disabled()));
            audit.record(c, new AuditEntry(id, "tenant.updated", "platform", null, null, "tenant", Long.toString(id),
                    null, Map.of("name", name.isPresent(), "disabled", disabled.map(Object::toString).orElse("unchanged"))), now());
            return null;
        });
        return list().stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    }

    public Optional<Tenant> find(long id) {
        return db.read(c -> tenants.find(c, id));
    }

    /** The enabled tenant that owns a widget site key. */
    public Optional<Tenant> bySiteKey(String siteKey) {
        return db.read(c -> {
            Optional<Long> id = tenants.tenantOfIdentity(c, TenantStore.SITE_KEY, siteKey);
            return id.isEmpty() ? Optional.<Tenant>empty() : tenants.find(c, id.get());
        });
    }

    public Optional<String> siteKeyOf(long tenantId) {
        return db.read(c -> tenants.identityOf(c, TenantStore.SITE_KEY, tenantId));
    }

    public List<Tenant> all() {
        return db.read(tenants::all);
    }

    private String newSiteKey() {
        return "wk_" + random.base62(24);
    }

    private long now() {
        return Timestamps.toMicros(clock.instant());
    }
}
