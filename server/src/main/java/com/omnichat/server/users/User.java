package com.omnichat.server.users;

import com.omnichat.server.auth.Role;

public record User(
        long id,
        long tenantId,
        String email,
        String name,
        String passwordHash,
        String storedRole,
        boolean active,
        long tokensValidAfter,
        String survivingTokenId,
        long createdAt,
        Long lastLoginAt) {

    /** Whether a token issued at {@code issuedAtMicros} with id {@code tokenId} is still honoured for this user. */
    public boolean accepts(long issuedAtMicros, String tokenId) {
        return issuedAtMicros >= tokensValidAfter || tokenId != null && tokenId.equals(survivingTokenId);
    }

    /** Empty for a stored role that cannot sign in. */
    public java.util.Optional<Role> role() {
        return Role.parse(storedRole);
    }
}
