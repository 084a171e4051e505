package com.omnichat.server.http;

import com.omnichat.server.tenants.Tenant;
import com.omnichat.server.tenants.TenantService;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which browser origins may call which routes (PROTOCOL.md §A.2, §A.12, §C.1). The server's own origin is always
 * allowed; a wildcard is only ever possible on visitor routes, and credentials are never allowed.
 */
public final class Origins {
    private final List<String> widgetOrigins;
    private final List<String> adminOrigins;
    private final Optional<String> publicBaseUrl;
    private final TenantService tenants;

    public Origins(List<String> widgetOrigins, List<String> adminOrigins, Optional<String> publicBaseUrl,
                   TenantService tenants) {
        this.widgetOrigins = widgetOrigins;
        this.adminOrigins = adminOrigins;
        this.publicBaseUrl = publicBaseUrl;
        this.tenants = tenants;
    }

    public boolean isOwn(String origin, String host) {
        if (origin == null) {
            return false;
        }
        if (publicBaseUrl.isPresent() && publicBaseUrl.get().equalsIgnoreCase(origin)) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || host == null) {
                return false;
            }
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority.equalsIgnoreCase(host) || defaultPortMatches(uri, host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean defaultPortMatches(URI uri, String host) {
        int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getPort() == -1 && host.equalsIgnoreCase(uri.getHost() + ":" + defaultPort);
    }

    public boolean staffAllowed(String origin, String host) {
        return origin == null || isOwn(origin, host) || adminOrigins.contains(origin);
    }

    /**
     * The value for Access-Control-Allow-Origin on a visitor route, or empty when the origin is not allowed. The
     * tenant is looked up only when the server-wide rules do not already decide.
     */
    public Optional<String> visitorAllowOrigin(String origin, String host, Supplier<Optional<Tenant>> tenant) {
        if (origin == null) {
            return Optional.empty();
        }
        if (isOwn(origin, host) || widgetOrigins.contains(origin)) {
            return Optional.of(origin);
        }
        List<Tenant> candidates = tenant.get().map(List::of).orElseGet(tenants::all);
        for (Tenant t : candidates) {
            if (t.settings().widgetAllowedOrigins().contains(origin)) {
                return Optional.of(origin);
            }
        }
        if (widgetOrigins.contains("*") || candidates.stream().anyMatch(t -> t.settings().widgetAllowedOrigins().contains("*"))) {
            return Optional.of("*");
        }
        return Optional.empty();
    }

    public boolean visitorAllowed(String origin, String host, Optional<Tenant> tenant) {
        return origin == null || visitorAllowOrigin(origin, host, () -> tenant).isPresent();
    }

    /** The unique tenant whose widget origins list this origin (legacy visitor tenant resolution). */
    public Optional<Tenant> tenantByOrigin(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        List<Tenant> matches = tenants.all().stream()
                .filter(t -> t.settings().widgetAllowedOrigins().contains(origin)).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }
}
