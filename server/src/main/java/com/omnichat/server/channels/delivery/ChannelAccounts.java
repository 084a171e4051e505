package com.omnichat.server.channels.delivery;

import java.util.Optional;

/**
 * Where each tenant's channel credentials and addresses come from (tenant settings, with the environment's values
 * for the default tenant). Webhooks find their tenant here by number or page id (PROTOCOL.md §B.1).
 */
public interface ChannelAccounts {
    Optional<TwilioAccount> twilioFor(long tenantId);

    /** The tenant whose SMS/WhatsApp number is {@code toNumber} (without {@code whatsapp:}), else whose Messaging Service it is. */
    Optional<TwilioAccount> twilioByAddress(String toNumber, String messagingServiceSid);

    /** Whether any tenant (or the environment) has a Twilio auth token: unsigned requests are then never accepted. */
    boolean anyTwilioAuthToken();

    Optional<MessengerPage> messengerFor(long tenantId);

    Optional<MessengerPage> messengerByPageId(String pageId);

    /** Whether {@code token} is some tenant's Messenger verify token (or the environment's). */
    boolean isMessengerVerifyToken(String token);
}
