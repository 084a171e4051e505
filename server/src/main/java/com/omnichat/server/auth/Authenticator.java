package com.omnichat.server.auth;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.TenantStore;
import com.omnichat.server.users.User;
import com.omnichat.server.users.UserStore;

import java.util.Optional;

/**
 * Turns a bearer token into a {@link Principal}, re-checking the user on every call: it must exist, be active, belong
 * to the token's tenant (which must be enabled), hold a role that may sign in, and the token must be newer than the
 * user's revocation point (or be the one token the user's own password change kept) and not revoked itself. The role is the one stored now, not the one in the token.
 */
public final class Authenticator {
    private final TokenService tokens;
    private final Database db;
    private final UserStore users;
    private final TenantStore tenants;

    public Authenticator(TokenService tokens, Database db, UserStore users, TenantStore tenants) {
        this.tokens = tokens;
        this.db = db;
        this.users = users;
        this.tenants = tenants;
    }

    public Optional<Principal> authenticate(String token) {
        return tokens.verify(token).flatMap(claims -> db.read(c -> {
            Optional<User> user = users.byId(c, claims.userId());
            if (user.isEmpty() || !user.get().active() || user.get().tenantId() != claims.tenantId()) {
                return Optional.<Principal>empty();
            }
            if (!user.get().accepts(Timestamps.toMicros(claims.issuedAt()), claims.tokenId())) {
                return Optional.<Principal>empty();
            }
            if (claims.tokenId() != null && users.isRevoked(c, claims.tokenId())) {
                return Optional.<Principal>empty();
            }
            if (!tenants.isEnabled(c, claims.tenantId())) {
                return Optional.<Principal>empty();
            }
            Optional<Role> role = user.get().role();
            if (role.isEmpty()) {
                return Optional.<Principal>empty();
            }
            User u = user.get();
            return Optional.of(new Principal(u.id(), u.tenantId(), u.email(), u.name(), role.get(), claims.tokenId(),
                    claims.expiresAt().getEpochSecond()));
        }));
    }

    /** Whether the token is well signed and current but names a role that may not use staff routes (403, not 401). */
    public boolean hasForeignRole(String token) {
        return tokens.verify(token).map(claims -> Role.parse(claims.role()).isEmpty()).orElse(false);
    }
}
