package com.omnichat.server.tenants;

/**
 * What sending and verifying Twilio traffic needs for one tenant (PROTOCOL.md §D.1–D.2).
 *
 * @param accountSid          always present
 * @param authToken           always present; a secret: never log it
 * @param smsNumber           E.164 sender of SMS, or null
 * @param whatsappNumber      E.164 sender of WhatsApp (without {@code whatsapp:}); the SMS number when unset; or null
 * @param messagingServiceSid send through this Messaging Service instead of {@code From} when not null
 */
public record TwilioCredentials(String accountSid, String authToken, String smsNumber, String whatsappNumber,
                                String messagingServiceSid) {
    @Override
    public String toString() {
        return "TwilioCredentials[accountSid=" + accountSid + ", smsNumber=" + smsNumber + ", whatsappNumber="
                + whatsappNumber + ", messagingServiceSid=" + messagingServiceSid + "]";
    }
}
