package com.omnichat.server.http;

import io.javalin.http.Context;

import java.util.Collections;
import java.util.Locale;

/**
 * The scheme the client used (PROTOCOL.md Part E): behind trusted proxies, X-Forwarded-Proto read by the same
 * right-to-left rule as the client address, so a client cannot claim https on a plain connection; otherwise the
 * connection's own.
 */
public final class ForwardedScheme {
    private static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final int trustedProxies;

    public ForwardedScheme(int trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public String of(Context ctx) {
        return ClientIp.trustedEntry(Collections.list(ctx.req().getHeaders(FORWARDED_PROTO)), trustedProxies)
                .map(value -> value.toLowerCase(Locale.ROOT))
                .filter(value -> value.equals("http") || value.equals("https"))
                .orElse(ctx.scheme());
    }
}
