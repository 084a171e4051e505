package com.omnichat.server.http;

import io.javalin.http.Context;

/** The caller's address; X-Forwarded-For is believed only behind a proxy the operator declared. */
public final class ClientIp {
    private final boolean trustProxy;

    public ClientIp(boolean trustProxy) {
        this.trustProxy = trustProxy;
    }

    public String of(Context ctx) {
        if (trustProxy) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].trim();
            }
        }
        return ctx.req().getRemoteAddr();
    }
}
