package com.omnichat.server.tenants;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.audit.Actor;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.auth.PasswordHasher;
import com.omnichat.server.auth.PasswordPolicy;
import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.storage.Database;
import com.omnichat.server.users.Emails;
import com.omnichat.server.users.UserStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tenants as the operator sees them: first start, creation with a first admin and a site key, enable/disable. */
public final class TenantService {
    public static final String DEFAULT_TENANT_NAME = "Default Tenant";
    private static final int MAX_NAME_CHARS = 100;

    private final Database db;
    private final TenantStore tenants;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final RandomTokens random;
    private final AuditLog audit;
    private final Hub hub;
    private final Clock clock;

    public TenantService(Database db, TenantStore tenants, UserStore users, PasswordHasher hasher, RandomTokens random,
                         AuditLog audit, Hub hub, Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.users = users;
        this.hasher = hasher;
        this.random = random;
        this.audit = audit;
        this.hub = hub;
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
        if (db.read(users::any)) {
            return Optional.empty();
        }
        NewAdmin admin = newAdmin(adminEmail, "Default Admin", adminPassword);
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
            return Optional.of(createAdmin(c, tenantId, DEFAULT_TENANT_NAME, siteKey, admin, now));
        });
    }

    /** A new tenant with its site key and first admin; {@code adminName} may be null. */
    public Created create(String name, String adminEmail, String adminName, Optional<String> adminPassword) {
        String email = Emails.normalise(adminEmail);
        List<FieldError> errors = new ArrayList<>();
        checkName(name, errors);
        if (!Emails.plausible(email)) {
            errors.add(FieldError.body("admin_email", "value_error", "must be an email address"));
        }
        adminPassword.map(password -> PasswordPolicy.error("admin_password", password)).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        NewAdmin admin = newAdmin(email, adminName == null || adminName.isBlank() ? "Admin" : adminName.trim(),
                adminPassword);
        return db.writer().execute(tx -> {
            Connection c = tx.connection();
            if (users.byEmail(c, email).isPresent()) {
                throw ApiException.conflict("conflict", "A user with this email already exists");
            }
            long now = now();
            long tenantId = tenants.insert(c, name.trim(), now);
            String siteKey = newSiteKey();
            tenants.addIdentity(c, TenantStore.SITE_KEY, siteKey, tenantId, now);
            Created created = createAdmin(c, tenantId, name.trim(), siteKey, admin, now);
            audit.record(c, AuditEntry.by(Actor.OPERATOR, tenantId, "tenant.created", "tenant",
                    Long.toString(tenantId), null, Map.of("admin_email", email)), now);
            return created;
        });
    }

    /** A first admin with the password already hashed, so bcrypt runs before the write is queued. */
    private record NewAdmin(String email, String name, String hash, String generatedPassword) {
    }

    private NewAdmin newAdmin(String email, String name, Optional<String> password) {
        String chosen = password.orElseGet(random::password);
        return new NewAdmin(Emails.normalise(email), name, hasher.hash(chosen), password.isPresent() ? null : chosen);
    }

    private Created createAdmin(Connection c, long tenantId, String tenantName, String siteKey, NewAdmin admin,
                                long now) throws SQLException {
        long adminId = users.insert(c, tenantId, admin.email(), admin.name(), admin.hash(), "admin", now);
        return new Created(tenantId, tenantName, siteKey, adminId, admin.email(), admin.generatedPassword());
    }

    public List<Summary> list() {
        return db.read(c -> {
            List<Summary> result = new ArrayList<>();
            for (Tenant tenant : tenants.all(c)) {
                result.add(new Summary(tenant.id(), tenant.name(), tenant.disabled(), tenant.createdAt(),
                        tenants.count(c, "users", tenant.id()), tenants.count(c, "conversations", tenant.id()),
                        tenants.identityOf(c, TenantStore.SITE_KEY, tenant.id()).orElse(null)));
            }
            return result;
        });
    }

    /** Renames, disables or enables a tenant; disabling closes every socket of the tenant once committed. */
    public Summary update(long id, Optional<String> name, Optional<Boolean> disabled) {
        List<FieldError> errors = new ArrayList<>();
        name.ifPresent(n -> checkName(n, errors));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        db.writer().execute(tx -> {
            Connection c = tx.connection();
            Tenant tenant = tenants.find(c, id).orElseThrow(() -> ApiException.notFound("Tenant not found"));
            boolean nowDisabled = disabled.orElse(tenant.disabled());
            tenants.update(c, id, name.map(String::trim).orElse(tenant.name()), nowDisabled);
            if (nowDisabled && !tenant.disabled()) {
                tx.afterCommit(() -> hub.closeTenant(id));
            }
            audit.record(c, AuditEntry.by(Actor.OPERATOR, id, "tenant.updated", "tenant", Long.toString(id), null,
                    Map.of("name", name.isPresent(), "disabled", disabled.map(Object::toString).orElse("unchanged"))),
                    now());
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

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(FieldError.body("name", "value_error", "must not be blank"));
        } else if (name.trim().codePointCount(0, name.trim().length()) > MAX_NAME_CHARS) {
            errors.add(FieldError.body("name", "string_too_long", "must be at most " + MAX_NAME_CHARS + " characters"));
        }
    }

    private String newSiteKey() {
        return "wk_" + random.base62(24);
    }

    private long now() {
        return Timestamps.toMicros(clock.instant());
    }
}
