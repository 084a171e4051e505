package com.omnichat.server.http;

import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The caller's address (PROTOCOL.md Part E, {@code OMNICHAT_TRUST_PROXY}). Behind N trusted proxies each appends the
 * address it saw to X-Forwarded-For, so the N-th entry from the right is the one the outermost proxy wrote about the
 * client; everything left of it is whatever the client sent and is never believed. Without proxies the header is
 * ignored.
 */
public final class ClientIp {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9a-f:.]+)](:\\d{1,5})?");

    private final int trustedProxies;

    public ClientIp(int trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public String of(Context ctx) {
        return choose(Collections.list(ctx.req().getHeaders(FORWARDED_FOR)), ctx.req().getRemoteAddr());
    }

    public String of(WsContext ctx) {
        SocketAddress remote = ctx.session.getRemoteSocketAddress();
        String address = remote instanceof InetSocketAddress inet ? inet.getHostString() : String.valueOf(remote);
        List<String> forwarded = ctx.session.getUpgradeRequest().getHeaders(FORWARDED_FOR);
        return choose(forwarded == null ? List.of() : forwarded, address);
    }

    private String choose(List<String> forwardedFor, String remoteAddress) {
        return trustedEntry(forwardedFor, trustedProxies).flatMap(ClientIp::ipLiteral).orElse(remoteAddress);
    }

    /**
     * The entry the outermost of {@code proxies} proxies wrote: the {@code proxies}-th from the right of all header
     * lines read as one comma-separated list. When the list is shorter than that, some proxy in the chain was passed
     * by or added nothing, and every entry present was still written by one of ours, so the leftmost is the furthest
     * out that can be believed (the connection's own address would be our proxy's, shared by every client).
     */
    static Optional<String> trustedEntry(List<String> headerLines, int proxies) {
        if (proxies <= 0) {
            return Optional.empty();
        }
        List<String> entries = new ArrayList<>();
        for (String line : headerLines) {
            for (String entry : line.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entries.get(Math.max(0, entries.size() - proxies)));
    }

    /** An IP address as proxies write it (a port or IPv6 brackets removed); anything else is not an address. */
    private static Optional<String> ipLiteral(String entry) {
        String value = entry.toLowerCase();
        var bracketed = BRACKETED_IPV6.matcher(value);
        if (bracketed.matches()) {
            value = bracketed.group(1);
        }
        var withPort = IPV4_WITH_PORT.matcher(value);
        if (withPort.matches()) {
            value = withPort.group(1);
        }
        if (IPV4.matcher(value).matches()) {
            for (String part : value.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
            return Optional.of(value);
        }
        if (value.length() <= 45 && IPV6.matcher(value).matches()) {
            try {
                // Only hex digits, colons and dots reach here, which InetAddress parses as a literal without DNS.
                InetAddress.getByName(value);
                return Optional.of(value);
            } catch (UnknownHostException notAnAddress) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
