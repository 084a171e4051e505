package com.omnichat.server.tenants;

/**
 * What receiving and sending Messenger traffic needs for one tenant's page (PROTOCOL.md §D.3). The three secrets are
 * never logged.
 *
 * @param pageId          always present
 * @param pageAccessToken always present; sent as {@code access_token}
 * @param appSecret       always present; signs webhooks and {@code appsecret_proof}
 * @param verifyToken     the webhook verification token, or null when the tenant has none
 */
public record MessengerCredentials(String pageId, String pageAccessToken, String appSecret, String verifyToken) {
    @Override
    public String toString() {
        return "MessengerCredentials[pageId=" + pageId + "]";
    }
}
