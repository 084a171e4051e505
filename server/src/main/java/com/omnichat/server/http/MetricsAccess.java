package com.omnichat.server.http;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may read {@code /metrics} (PROTOCOL.md Part E): a scraper on this machine always; anyone else only with
 * {@code Authorization: Bearer <OMNICHAT_METRICS_TOKEN>}. A request that came through a proxy (it carries a forwarding
 * header) is not a local one even though its TCP peer is the proxy on loopback: otherwise a reverse proxy on the same
 * host would publish the metrics to the internet.
 */
public final class MetricsAccess {
    public enum Decision { ALLOW, NEEDS_TOKEN, LOOPBACK_ONLY }

    private final Optional<byte[]> token;

    public MetricsAccess(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param peer          the TCP peer's address
     * @param forwarded     whether the request carries X-Forwarded-For, Forwarded or X-Real-IP
     * @param authorization the Authorization header, or null
     */
    public Decision decide(InetAddress peer, boolean forwarded, String authorization) {
        if (token.isPresent() && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(token.get(), authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            return Decision.ALLOW;
        }
        if (peer != null && peer.isLoopbackAddress() && !forwarded) {
            return Decision.ALLOW;
        }
        return token.isPresent() ? Decision.NEEDS_TOKEN : Decision.LOOPBACK_ONLY;
    }
}
