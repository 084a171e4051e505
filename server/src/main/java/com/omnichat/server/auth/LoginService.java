package com.omnichat.server.auth;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.TenantStore;
import com.omnichat.server.users.User;
import com.omnichat.server.users.UserStore;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Password sign-in: same answer and same time for an unknown email, a wrong password and a deactivated user. */
public final class LoginService {
    public static final String INVALID = "Invalid username or password";

    private final Database db;
    private final UserStore users;
    private final TenantStore tenants;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final ServerMetrics metrics;

    public LoginService(Database db, UserStore users, TenantStore tenants, PasswordHasher hasher, TokenService tokens, LoginThrottle throttle,
                        AuditLog audit, Clock clock, ServerMetrics metrics) {
        this.db = db;
        this.users = users;
        this.tenants = tenants;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
    }

    public record Issued(String token, long expiresInSeconds) {
    }

    public Issued login(String rawEmail, String password, String ip) {
        String email = rawEmail.trim().toLowerCase();
        Optional<User> found;
        boolean ok;
        try (LoginThrottle.Attempt attempt = begin(email, ip)) {
            found = db.read(c -> users.byEmail(c, email));
            if (found.isEmpty()) {
                hasher.verifyAgainstDummy(password);
                ok = false;
            } else {
                ok = hasher.verify(password, found.get().passwordHash()) && found.get().active()
                        && found.get().role().isPresent() && tenantEnabled(found.get().tenantId());
            }
            if (ok) {
                attempt.succeeded();
            }
        }
        long now = Timestamps.toMicros(clock.instant());
        if (!ok) {
            // Repeats from one address within a minute share a row (§C.5 count); the throttle bounds the rest.
            metrics.loginFailed();
            found.ifPresent(user -> db.writer().execute(tx -> {
                audit.recordRepeatFromSameAddress(tx.connection(), new AuditEntry(user.tenantId(), "auth.login_failed",
                        "user", Long.toString(user.id()), user.name(), "user", Long.toString(user.id()), ip, Map.of()),
                        now);
                return null;
            }));
            throw new ApiException(401, "invalid_credentials", INVALID);
        }
        User user = found.get();
        db.writer().execute(tx -> {
            users.recordLogin(tx.connection(), user.id(), now);
            audit.record(tx.connection(), new AuditEntry(user.tenantId(), "auth.login", "user", Long.toString(user.id()),
                    user.name(), "user", Long.toString(user.id()), ip, Map.of()), now);
            return null;
        });
        return issue(user);
    }

    private LoginThrottle.Attempt begin(String email, String ip) {
        try {
            return throttle.begin(email, ip);
        } catch (ApiException refused) {
            metrics.rateLimited(ServerMetrics.Limit.LOGIN);
            throw refused;
        }
    }

    public Issued issue(User user) {
        String token = tokens.issue(user.id(), user.tenantId(), user.email(), user.name(), user.storedRole());
        return new Issued(token, tokens.lifetime().toSeconds());
    }

    public Issued refresh(Principal principal) {
        User user = db.read(c -> users.byId(c, principal.userId())).orElseThrow(() -> ApiException.unauthenticated("Invalid token"));
        return issue(user);
    }

    /** Single sign-out revokes this token; everywhere moves the user's revocation point. */
    public void logout(Principal principal, boolean everywhere, String ip) {
        long now = Timestamps.toMicros(clock.instant());
        db.writer().execute(tx -> {
            if (everywhere) {
                users.revokeTokensBefore(tx.connection(), principal.userId(), now + 1);
            } else if (principal.tokenId() != null) {
                users.revokeToken(tx.connection(), principal.tokenId(), principal.tokenExpiresAt());
            }
            audit.record(tx.connection(), AuditEntry.byUser(principal.tenantId(), "auth.logout", principal.userId(),
                    principal.name(), "user", Long.toString(principal.userId()), ip, Map.of("everywhere", everywhere)), now);
            return null;
        });
    }

    private boolean tenantEnabled(long tenantId) {
        return db.read(c -> tenants.isEnabled(c, tenantId));
    }
}
