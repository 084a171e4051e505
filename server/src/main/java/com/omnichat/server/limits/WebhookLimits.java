package com.omnichat.server.limits;

import com.omnichat.server.errors.ApiException;

import java.time.Duration;

/**
 * Abuse limit of the provider webhooks: requests with a bad signature, per address. Only refusals are counted, so a
 * provider's genuine traffic from a shared address is never slowed by someone else's forgeries; past the limit the
 * address is answered 429 without the audit write a refusal otherwise costs.
 */
public final class WebhookLimits {
    public static final int BAD_SIGNATURES_PER_HOUR = 100;

    private final KeyedBuckets badSignaturesPerIp =
            KeyedBuckets.perWindow(BAD_SIGNATURES_PER_HOUR, Duration.ofHours(1));

    /** Counts one request whose signature did not check out; throws 429 when the address has sent too many. */
    public void badSignature(String ip) {
        long wait = badSignaturesPerIp.take(ip);
        if (wait > 0) {
            throw ApiException.rateLimited(wait);
        }
    }
}
