package com.omnichat.server.config;

import java.util.Optional;

/**
 * The settings the environment supplies (PROTOCOL.md part E). The timers apply to every tenant that has not set its
 * own; the backup number, retention and channel credentials are the fallback of the default tenant only
 * ({@code OMNICHAT_DEFAULT_TENANT_ID}). {@code twilioWhatsappNumber} is only what TWILIO_WHATSAPP_NUMBER says (the
 * SMS number as its default is resolved by the tenant settings). Secrets never appear in {@link #toString()}.
 */
public record TenantDefaults(
        int patienceSeconds,
        int escalateAfterSeconds,
        int autoCloseMinutes,
        int historyRetentionDays,
        Optional<String> backupNumber,
        Optional<String> twilioAccountSid,
        Optional<String> twilioAuthToken,
        Optional<String> twilioNumber,
        Optional<String> twilioWhatsappNumber,
        Optional<String> twilioMessagingServiceSid,
        Optional<String> fbPageId,
        Optional<String> fbPageAccessToken,
        Optional<String> fbAppSecret,
        Optional<String> fbVerifyToken) {

    /** The protocol's defaults with nothing from the environment: what tests and tools without config use. */
    public static TenantDefaults protocolDefaults() {
        return new TenantDefaults(30, 300, 30, 30, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Whether any Twilio or Messenger credential comes from the environment (then PUBLIC_BASE_URL is required). */
    public boolean anyChannelCredential() {
        return twilioAccountSid.isPresent() || twilioAuthToken.isPresent() || fbPageAccessToken.isPresent()
                || fbAppSecret.isPresent() || fbVerifyToken.isPresent();
    }

    @Override
    public String toString() {
        return "TenantDefaults[patienceSeconds=" + patienceSeconds + ", escalateAfterSeconds=" + escalateAfterSeconds
                + ", autoCloseMinutes=" + autoCloseMinutes + ", historyRetentionDays=" + historyRetentionDays
                + ", backupNumber=" + backupNumber.orElse("-") + ", twilioAccountSid=" + twilioAccountSid.orElse("-")
                + ", twilioAuthToken=" + (twilioAuthToken.isPresent() ? "set" : "-")
                + ", twilioNumber=" + twilioNumber.orElse("-") + ", twilioWhatsappNumber=" + twilioWhatsappNumber.orElse("-")
                + ", twilioMessagingServiceSid=" + twilioMessagingServiceSid.orElse("-")
                + ", fbPageId=" + fbPageId.orElse("-") + ", fbPageAccessToken=" + (fbPageAccessToken.isPresent() ? "set" : "-")
                + ", fbAppSecret=" + (fbAppSecret.isPresent() ? "set" : "-")
                + ", fbVerifyToken=" + (fbVerifyToken.isPresent() ? "set" : "-") + "]";
    }
}
