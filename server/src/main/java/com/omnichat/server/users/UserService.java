package com.omnichat.server.users;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.audit.Actor;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.auth.LoginThrottle;
import com.omnichat.server.auth.PasswordHasher;
import com.omnichat.server.auth.PasswordPolicy;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.auth.Role;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.realtime.CloseCodes;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.storage.Database;
import com.omnichat.server.storage.WriteContext;
import com.omnichat.server.tenants.TenantStore;
import com.omnichat.server.text.UnicodeText;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Staff accounts as a tenant's admins, the users themselves and the operator manage them (PROTOCOL.md §B.4, §C.2,
 * §C.5). Every lookup is scoped to a tenant, so another tenant's user is simply not found. Passwords are hashed
 * before the write is queued, so bcrypt's quarter second never holds up the single writer.
 */
public final class UserService {
    private static final int MAX_NAME_CHARS = 100;

    private final Database db;
    private final UserStore users;
    private final TenantStore tenants;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final RandomTokens random;
    private final AuditLog audit;
    private final Hub hub;
    private final Clock clock;

    public UserService(Database db, UserStore users, TenantStore tenants, PasswordHasher hasher,
                       LoginThrottle throttle, RandomTokens random, AuditLog audit, Hub hub, Clock clock) {
        this.db = db;
        this.users = users;
        this.tenants = tenants;
        this.hasher = hasher;
        this.throttle = throttle;
        this.random = random;
        this.audit = audit;
        this.hub = hub;
        this.clock = clock;
    }

    /** A new account as asked for; an empty password means "generate one". */
    public record NewUser(String email, String name, String role, Optional<String> password) {
    }

    /** A partial update: empty fields stay as they are. */
    public record Changes(Optional<String> name, Optional<String> role, Optional<Boolean> active) {
    }

    /** A created account; {@code generatedPassword} is shown this once and is null when the creator chose one. */
    public record Created(UserView user, String generatedPassword) {
    }

    public List<UserView> list(long tenantId) {
        Map<Long, String> online = hub.staffOnline(tenantId);
        return db.read(c -> users.inTenant(c, tenantId)).stream()
                .map(user -> UserView.of(user, online.containsKey(user.id())))
                .toList();
    }

    public UserView get(long tenantId, long id) {
        User user = db.read(c -> users.byIdInTenant(c, tenantId, id)).orElseThrow(UserService::notFound);
        return UserView.of(user, hub.staffOnline(tenantId).containsKey(id));
    }

    public Created create(Actor actor, long tenantId, NewUser input, String ip) {
        String email = Emails.normalise(input.email());
        List<FieldError> errors = new ArrayList<>();
        if (!Emails.plausible(email)) {
            errors.add(FieldError.body("email", "value_error", "must be an email address"));
        }
        checkName(input.name(), errors);
        checkRole(input.role(), errors);
        input.password().map(password -> PasswordPolicy.error("password", password)).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String password = input.password().orElseGet(random::password);
        String hash = hasher.hash(password);
        long id = db.writer().execute(tx -> {
            if (tenants.find(tx.connection(), tenantId).isEmpty()) {
                throw ApiException.notFound("Tenant not found");
            }
            if (users.byEmail(tx.connection(), email).isPresent()) {
                throw ApiException.conflict("conflict", "A user with this email already exists");
            }
            long now = now();
            long created = users.insert(tx.connection(), tenantId, email, input.name().trim(), hash, input.role(), now);
            audit.record(tx.connection(), AuditEntry.by(actor, tenantId, "user.created", "user", Long.toString(created),
                    ip, Map.of("email", email, "role", input.role())), now);
            return created;
        });
        return new Created(get(tenantId, id), input.password().isPresent() ? null : password);
    }

    /**
     * Renames, changes the role, deactivates or reactivates. Deactivation revokes the user's tokens and closes their
     * sockets; the last active admin of a tenant can be neither demoted nor deactivated.
     */
    public UserView update(Actor actor, long tenantId, long id, Changes changes, String ip) {
        List<FieldError> errors = new ArrayList<>();
        changes.name().ifPresent(name -> checkName(name, errors));
        changes.role().ifPresent(role -> checkRole(role, errors));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        db.writer().execute(tx -> {
            User user = users.byIdInTenant(tx.connection(), tenantId, id).orElseThrow(UserService::notFound);
            String name = changes.name().map(String::trim).orElse(user.name());
            String role = changes.role().orElse(user.storedRole());
            boolean active = changes.active().orElse(user.active());
            boolean wasActiveAdmin = user.active() && user.role().equals(Optional.of(Role.ADMIN));
            boolean staysActiveAdmin = active && Role.ADMIN.wire().equals(role);
            if (wasActiveAdmin && !staysActiveAdmin && users.activeAdmins(tx.connection(), tenantId) <= 1) {
                throw ApiException.conflict("last_admin", "A tenant needs at least one active admin");
            }
            Map<String, Object> changed = new LinkedHashMap<>();
            if (!name.equals(user.name())) {
                changed.put("name", name);
            }
            if (!role.equals(user.storedRole())) {
                changed.put("role", role);
            }
            if (active && !user.active()) {
                changed.put("active", true);
            }
            long now = now();
            users.update(tx.connection(), id, name, role, active);
            if (!changed.isEmpty()) {
                audit.record(tx.connection(), AuditEntry.by(actor, tenantId, "user.updated", "user", Long.toString(id),
                        ip, changed), now);
            }
            if (user.active() && !active) {
                users.revokeTokensBefore(tx.connection(), id, now + 1);
                closeSocketsAfterCommit(tx, id);
                audit.record(tx.connection(), AuditEntry.by(actor, tenantId, "user.deactivated", "user",
                        Long.toString(id), ip, Map.of()), now);
            }
            return null;
        });
        return get(tenantId, id);
    }

    /** Sets a new password and revokes all the user's tokens; returns the password only when it was generated. */
    public Optional<String> resetPassword(Actor actor, long tenantId, long id, Optional<String> chosen, String ip) {
        chosen.ifPresent(password -> PasswordPolicy.check("password", password));
        String password = chosen.orElseGet(random::password);
        String hash = hasher.hash(password);
        db.writer().execute(tx -> {
            users.byIdInTenant(tx.connection(), tenantId, id).orElseThrow(UserService::notFound);
            long now = now();
            users.setPassword(tx.connection(), id, hash, now + 1, null);
            closeSocketsAfterCommit(tx, id);
            audit.record(tx.connection(), AuditEntry.by(actor, tenantId, "user.password_reset", "user",
                    Long.toString(id), ip, Map.of()), now);
            return null;
        });
        return chosen.isPresent() ? Optional.empty() : Optional.of(password);
    }

    /** The operator's reset, by email across all tenants. */
    public Optional<String> resetPasswordByEmail(String email, Optional<String> chosen) {
        User user = db.read(c -> users.byEmail(c, Emails.normalise(email)))
                .orElseThrow(() -> ApiException.notFound("No user has this email"));
        return resetPassword(Actor.OPERATOR, user.tenantId(), user.id(), chosen, null);
    }

    public UserView rename(Principal self, String name, String ip) {
        return update(Actor.user(self.userId(), self.name()), self.tenantId(), self.userId(),
                new Changes(Optional.of(name), Optional.empty(), Optional.empty()), ip);
    }

    /**
     * The user's own password change. Every other token of the user is revoked; the one that made the change keeps
     * working, so the client that asked is not signed out by its own request.
     */
    public void changePassword(Principal self, String current, String next, String ip) {
        User user = db.read(c -> users.byId(c, self.userId())).orElseThrow(UserService::notFound);
        List<FieldError> errors = new ArrayList<>();
        // A stolen token must not buy unlimited guesses at the password: the check counts like a sign-in (§B.3).
        try (LoginThrottle.Attempt attempt = throttle.begin(user.email(), ip)) {
            if (hasher.verify(current, user.passwordHash())) {
                attempt.succeeded();
            } else {
                errors.add(FieldError.body("current_password", "value_error", "is not the current password"));
            }
        }
        FieldError weak = PasswordPolicy.error("new_password", next);
        if (weak != null) {
            errors.add(weak);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String hash = hasher.hash(next);
        db.writer().execute(tx -> {
            long now = now();
            users.setPassword(tx.connection(), self.userId(), hash, now + 1, self.tokenId());
            closeSocketsAfterCommit(tx, self.userId());
            audit.record(tx.connection(), AuditEntry.by(Actor.user(self.userId(), self.name()), self.tenantId(),
                    "user.updated", "user", Long.toString(self.userId()), ip, Map.of("password", "changed")), now);
            return null;
        });
    }

    /** Sockets carry no token id, so all of them close; clients holding a valid token simply reconnect. */
    private void closeSocketsAfterCommit(WriteContext tx, long userId) {
        tx.afterCommit(() -> hub.closeUser(userId, CloseCodes.AUTH_FAILED, CloseCodes.POLICY_VIOLATION));
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(FieldError.body("name", "value_error", "must not be blank"));
        } else if (UnicodeText.length(name.trim()) > MAX_NAME_CHARS) {
            errors.add(FieldError.body("name", "string_too_long", "must be at most " + MAX_NAME_CHARS + " characters"));
        }
    }

    private static void checkRole(String role, List<FieldError> errors) {
        if (Role.parse(role).isEmpty()) {
            errors.add(FieldError.body("role", "value_error", "must be admin or staff"));
        }
    }

    private static ApiException notFound() {
        return ApiException.notFound("User not found");
    }

    private long now() {
        return Timestamps.toMicros(clock.instant());
    }
}
