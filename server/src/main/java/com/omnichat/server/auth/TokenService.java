package com.omnichat.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** HS256 staff tokens with the claims the existing clients read: id, email, name, role, tenant_id, exp. */
public final class TokenService {
    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    public TokenService(String secret, Duration lifetime, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret);
        // The library checks exp and iat itself: against the server clock, so a test that moves time sees tokens
        // issued at its time as valid.
        this.verifier = ((com.auth0.jwt.JWTVerifier.BaseVerification) JWT.require(algorithm).withClaimPresence("id")
                .withClaimPresence("tenant_id").withClaimPresence("exp")).build(clock);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(long userId, long tenantId, String email, String name, String role) {
        Instant now = clock.instant();
        return JWT.create()
                .withClaim("id", userId)
                .withClaim("email", email)
                .withClaim("name", name)
                .withClaim("role", role)
                .withClaim("tenant_id", tenantId)
                .withIssuedAt(now)
                .withClaim("iat_us", com.omnichat.protocol.Timestamps.toMicros(now))
                .withExpiresAt(now.plus(lifetime))
                .withJWTId(UUID.randomUUID().toString())
                .sign(algorithm);
    }

    /** The verified claims, or empty for a bad signature, an expired token or a missing claim. */
    public Optional<Claims> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            DecodedJWT jwt = verifier.verify(token);
            Long id = jwt.getClaim("id").asLong();
            Long tenantId = jwt.getClaim("tenant_id").asLong();
            if (id == null || tenantId == null || jwt.getExpiresAtAsInstant() == null) {
                return Optional.empty();
            }
            if (jwt.getExpiresAtAsInstant().isBefore(clock.instant())) {
                return Optional.empty();
            }
            Instant issuedAt = issuedAt(jwt);
            return Optional.of(new Claims(id, tenantId, jwt.getClaim("role").asString(), jwt.getId(), issuedAt,
                    jwt.getExpiresAtAsInstant()));
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }

    /** Our tokens carry the issue time in microseconds, so a revocation in the same second is exact. */
    private Instant issuedAt(DecodedJWT jwt) {
        Long micros = jwt.getClaim("iat_us").asLong();
        if (micros != null) {
            return com.omnichat.protocol.Timestamps.fromMicros(micros);
        }
        if (jwt.getIssuedAtAsInstant() != null) {
            return jwt.getIssuedAtAsInstant();
        }
        return jwt.getExpiresAtAsInstant().minus(lifetime);
    }

    public record Claims(long userId, long tenantId, String role, String tokenId, Instant issuedAt, Instant expiresAt) {
    }
}
