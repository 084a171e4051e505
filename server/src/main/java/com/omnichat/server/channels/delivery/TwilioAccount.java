package com.omnichat.server.channels.delivery;

/** A tenant's Twilio settings; absent values are null. Never logged: toString hides the token. */
public record TwilioAccount(long tenantId, String accountSid, String authToken, String smsNumber, String whatsappNumber,
                            String messagingServiceSid) {

    public boolean canSend() {
        return accountSid != null && authToken != null && (smsNumber != null || messagingServiceSid != null);
    }

    /** The WhatsApp sender: its own number, by default the SMS number. */
    public String whatsappSender() {
        return whatsappNumber != null ? whatsappNumber : smsNumber;
    }

    @Override
    public String toString() {
        return "TwilioAccount[tenant=" + tenantId + ", number=" + smsNumber + "]";
    }
}
