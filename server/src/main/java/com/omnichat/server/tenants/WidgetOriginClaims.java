package com.omnichat.server.tenants;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A widget origin other than {@code *} belongs to one tenant (PROTOCOL.md §C.5, decision 0036), because keyless legacy
 * traffic is routed by its Origin: a second tenant listing it would divert or break the first one's visitors. Claims
 * are rows of {@code channel_identities} (kind {@code widget_origin}, lower-cased), whose primary key keeps two
 * writers from both winning even outside this process.
 */
public final class WidgetOriginClaims {
    static final String FIELD = "widget.allowed_origins";

    private final TenantStore tenants;
    private final Set<String> heldForDefaultTenant;
    private final long defaultTenantId;

    /**
     * {@code serverWidgetOrigins} ({@code OMNICHAT_WIDGET_ORIGINS}) and the server's own public origin route keyless
     * traffic to the default tenant, so no other tenant may claim them.
     */
    public WidgetOriginClaims(TenantStore tenants, List<String> serverWidgetOrigins, Optional<String> publicBaseUrl,
                              long defaultTenantId) {
        this.tenants = tenants;
        this.defaultTenantId = defaultTenantId;
        Set<String> held = new LinkedHashSet<>(claimable(serverWidgetOrigins));
        publicBaseUrl.flatMap(WidgetOriginClaims::originOf).ifPresent(held::add);
        this.heldForDefaultTenant = Set.copyOf(held);
    }

    /**
     * Makes the tenant's claims match the origins it now lists, inside the settings write. An origin it newly lists
     * that another tenant claims or lists is a 409 and the whole write rolls back. An origin it listed already, from
     * before claims existed, that another tenant also lists stays listed but unclaimed, so an old duplicate does not
     * stop the tenant from saving its other settings; while two tenants list it, neither gets its keyless traffic.
     */
    void sync(Connection c, long tenantId, List<String> listedBefore, List<String> listedNow, long now)
            throws SQLException {
        Set<String> wanted = claimable(listedNow);
        Set<String> before = claimable(listedBefore);
        List<String> owned = tenants.identitiesOf(c, TenantStore.WIDGET_ORIGIN, tenantId);
        List<String> refused = new ArrayList<>();
        Set<String> listedElsewhere = null;
        for (String origin : wanted) {
            if (owned.contains(origin)) {
                continue;
            }
            if (listedElsewhere == null) {
                listedElsewhere = listedByOtherTenants(c, tenantId);
            }
            boolean taken = tenants.tenantOfIdentity(c, TenantStore.WIDGET_ORIGIN, origin).isPresent()
                    || listedElsewhere.contains(origin) || heldForDefaultTenant(tenantId, origin);
            if (!taken) {
                tenants.addIdentity(c, TenantStore.WIDGET_ORIGIN, origin, tenantId, now);
            } else if (!before.contains(origin)) {
                refused.add(origin);
            }
        }
        if (!refused.isEmpty()) {
            String message = String.join(", ", refused) + " already belongs to another tenant";
            throw new ApiException(409, "conflict", FIELD + ": " + message,
                    List.of(FieldError.body(FIELD, "value_error", message)), Map.of());
        }
        for (String origin : owned) {
            if (!wanted.contains(origin)) {
                tenants.removeIdentity(c, TenantStore.WIDGET_ORIGIN, origin, tenantId);
            }
        }
    }

    private boolean heldForDefaultTenant(long tenantId, String origin) {
        return defaultTenantId > 0 && tenantId != defaultTenantId && heldForDefaultTenant.contains(origin);
    }

    private Set<String> listedByOtherTenants(Connection c, long tenantId) throws SQLException {
        Set<String> listed = new LinkedHashSet<>();
        for (Tenant other : tenants.all(c)) {
            if (other.id() != tenantId) {
                listed.addAll(claimable(other.settings().widgetAllowedOrigins()));
            }
        }
        return listed;
    }

    /** The origins that can be claimed, in their claimed (lower-case) form: every one but {@code *}. */
    static Set<String> claimable(List<String> origins) {
        Set<String> result = new LinkedHashSet<>();
        for (String origin : origins) {
            if (!origin.equals("*")) {
                result.add(origin.toLowerCase(Locale.ROOT));
            }
        }
        return result;
    }

    private static Optional<String> originOf(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
            return Optional.of((uri.getScheme() + "://" + uri.getHost() + port).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
