package com.omnichat.server.channels.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.Tenant;
import com.omnichat.server.tenants.TenantStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Channel credentials from the tenants' settings documents (the {@code twilio} and {@code messenger} sections, §C.5). */
public final class SettingsChannelAccounts implements ChannelAccounts {
    private final Database db;
    private final TenantStore tenants;

    public SettingsChannelAccounts(Database db, TenantStore tenants) {
        this.db = db;
        this.tenants = tenants;
    }

    private List<Tenant> all() {
        return db.read(tenants::all);
    }

    private Optional<Tenant> tenant(long id) {
        return db.read(c -> tenants.find(c, id));
    }

    @Override
    public Optional<TwilioAccount> twilioFor(long tenantId) {
        return tenant(tenantId).map(SettingsChannelAccounts::twilio);
    }

    @Override
    public Optional<TwilioAccount> twilioByAddress(String toNumber, String messagingServiceSid) {
        List<TwilioAccount> accounts = all().stream().map(SettingsChannelAccounts::twilio).toList();
        Optional<TwilioAccount> byNumber = accounts.stream().filter(a -> toNumber != null
                && (toNumber.equals(a.smsNumber()) || toNumber.equals(a.whatsappNumber()))).findFirst();
        if (byNumber.isPresent() || messagingServiceSid == null) {
            return byNumber;
        }
        return accounts.stream().filter(a -> messagingServiceSid.equals(a.messagingServiceSid())).findFirst();
    }

    @Override
    public boolean anyTwilioAuthToken() {
        return all().stream().map(SettingsChannelAccounts::twilio).anyMatch(a -> a.authToken() != null);
    }

    @Override
    public Optional<MessengerPage> messengerFor(long tenantId) {
        return tenant(tenantId).map(SettingsChannelAccounts::messenger);
    }

    @Override
    public Optional<MessengerPage> messengerByPageId(String pageId) {
        return all().stream().map(SettingsChannelAccounts::messenger).filter(p -> Objects.equals(pageId, p.pageId()))
                .filter(p -> pageId != null).findFirst();
    }

    @Override
    public boolean isMessengerVerifyToken(String token) {
        return token != null && all().stream().map(SettingsChannelAccounts::messenger)
                .anyMatch(p -> token.equals(p.verifyToken()));
    }

    private static TwilioAccount twilio(Tenant tenant) {
        JsonNode twilio = tenant.settings().document().path("twilio");
        return new TwilioAccount(tenant.id(), text(twilio, "account_sid"), text(twilio, "auth_token"),
                text(twilio, "sms_number"), text(twilio, "whatsapp_number"), text(twilio, "messaging_service_sid"));
    }

    private static MessengerPage messenger(Tenant tenant) {
        JsonNode messenger = tenant.settings().document().path("messenger");
        return new MessengerPage(tenant.id(), text(messenger, "page_id"), text(messenger, "page_access_token"),
                text(messenger, "app_secret"), text(messenger, "verify_token"));
    }

    private static String text(JsonNode section, String key) {
        JsonNode value = section.path(key);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
