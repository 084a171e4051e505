package com.omnichat.server.http;

import com.omnichat.server.auth.Authenticator;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.errors.ApiException;
import io.javalin.http.Context;

/** The staff member behind a request's bearer token, checked before anything else about the request. */
public final class StaffAuth {
    private static final String PRINCIPAL = "omnichat.principal";

    private final Authenticator authenticator;

    public StaffAuth(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public Principal require(Context ctx) {
        Principal cached = ctx.attribute(PRINCIPAL);
        if (cached != null) {
            return cached;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthenticated", "Not authenticated");
        }
        String token = header.substring(7).trim();
        Principal principal = authenticator.authenticate(token).orElseThrow(() -> authenticator.hasForeignRole(token)
                ? ApiException.forbidden()
                : new ApiException(401, "unauthenticated", "Invalid token"));
        ctx.attribute(PRINCIPAL, principal);
        RequestContext.tenant(ctx, principal.tenantId());
        return principal;
    }

    public Principal requireAdmin(Context ctx) {
        Principal principal = require(ctx);
        if (!principal.isAdmin()) {
            throw ApiException.forbidden();
        }
        return principal;
    }
}
