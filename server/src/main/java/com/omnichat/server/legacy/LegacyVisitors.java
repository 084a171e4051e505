package com.omnichat.server.legacy;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.http.Origins;
import com.omnichat.server.tenants.Tenant;
import com.omnichat.server.tenants.TenantService;

import java.util.Optional;

/**
 * Who a legacy visitor request belongs to and whether it may proceed (PROTOCOL.md §A.2): the tenant from the site key,
 * else from the Origin, else the default tenant; the tenant must allow legacy widgets and the Origin.
 */
public final class LegacyVisitors {
    private final TenantService tenants;
    private final Origins origins;
    private final long defaultTenantId;

    public LegacyVisitors(TenantService tenants, Origins origins, long defaultTenantId) {
        this.tenants = tenants;
        this.origins = origins;
        this.defaultTenantId = defaultTenantId;
    }

    /** What a visitor request says about itself, from an HTTP request or a socket upgrade. */
    record Request(String siteKey, String origin, String host) {
        static Request of(String siteKeyParam, String siteKeyHeader, String origin, String host) {
            String siteKey = siteKeyParam != null && !siteKeyParam.isBlank() ? siteKeyParam : siteKeyHeader;
            return new Request(siteKey == null || siteKey.isBlank() ? null : siteKey.trim(), origin, host);
        }
    }

    Optional<Tenant> resolve(Request request) {
        if (request.siteKey() != null) {
            return tenants.bySiteKey(request.siteKey());
        }
        Optional<Tenant> byOrigin = origins.tenantByOrigin(request.origin());
        if (byOrigin.isPresent()) {
            return byOrigin;
        }
        return defaultTenantId > 0 ? tenants.find(defaultTenantId) : Optional.empty();
    }

    Tenant admit(Request request) {
        return admit(resolve(request), request);
    }

    /** The resolved tenant, if it takes legacy widget traffic from this request's Origin; else a 403. */
    Tenant admit(Optional<Tenant> resolved, Request request) {
        Tenant tenant = resolved.filter(t -> !t.disabled() && t.settings().legacyWidgetEnabled())
                .orElseThrow(() -> new ApiException(403, "forbidden", "Unknown site"));
        if (!origins.visitorAllowed(request.origin(), request.host(), Optional.of(tenant))) {
            throw new ApiException(403, "origin_not_allowed", "Origin not allowed");
        }
        return tenant;
    }

    /** Ids of the new widget's hardened visitors are out of reach of the legacy routes (PROTOCOL.md §B.5). */
    static void refuseServerIssued(String externalId) {
        if (externalId.startsWith("v_")) {
            throw ApiException.forbidden();
        }
    }
}
