package com.omnichat.server.http;

import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The caller's address; X-Forwarded-For is believed only behind a proxy the operator declared. */
public final class ClientIp {
    private final boolean trustProxy;

    public ClientIp(boolean trustProxy) {
        this.trustProxy = trustProxy;
    }

    public String of(Context ctx) {
        return forwarded(ctx.header("X-Forwarded-For"), ctx.req().getRemoteAddr());
    }

    public String of(WsContext ctx) {
        SocketAddress remote = ctx.session.getRemoteSocketAddress();
        String address = remote instanceof InetSocketAddress inet ? inet.getHostString() : String.valueOf(remote);
        return forwarded(ctx.header("X-Forwarded-For"), address);
    }

    private String forwarded(String forwardedFor, String remoteAddress) {
        if (trustProxy && forwardedFor != null && !forwardedFor.isBlank()) {
            return forwardedFor.split(",")[0].trim();
        }
        return remoteAddress;
    }
}
