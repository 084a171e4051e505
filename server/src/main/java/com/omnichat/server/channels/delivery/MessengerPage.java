package com.omnichat.server.channels.delivery;

/** A tenant's Facebook page settings; absent values are null. Never logged: toString hides the secrets. */
public record MessengerPage(long tenantId, String pageId, String pageAccessToken, String appSecret, String verifyToken) {

    public boolean canSend() {
        return pageAccessToken != null && appSecret != null;
    }

    @Override
    public String toString() {
        return "MessengerPage[tenant=" + tenantId + ", page=" + pageId + "]";
    }
}
