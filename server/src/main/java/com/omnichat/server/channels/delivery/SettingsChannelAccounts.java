package com.omnichat.server.channels.delivery;

import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.EffectiveSettings;
import com.omnichat.server.tenants.MessengerCredentials;
import com.omnichat.server.tenants.SettingsResolver;
import com.omnichat.server.tenants.SettingsService;
import com.omnichat.server.tenants.Tenant;
import com.omnichat.server.tenants.TenantStore;
import com.omnichat.server.tenants.TwilioCredentials;

import java.util.List;
import java.util.Optional;

/**
 * Channel credentials and inbound routing from the tenants' effective settings (their own values, with the
 * environment's for the default tenant), read through the settings service at the moment they are needed.
 */
public final class SettingsChannelAccounts implements ChannelAccounts {
    private final SettingsService settings;
    private final SettingsResolver resolver;
    private final Database db;
    private final TenantStore tenants;

    public SettingsChannelAccounts(SettingsService settings, SettingsResolver resolver, Database db, TenantStore tenants) {
        this.settings = settings;
        this.resolver = resolver;
        this.db = db;
        this.tenants = tenants;
    }

    @Override
    public Optional<TwilioAccount> twilioFor(long tenantId) {
        return settings.effective(tenantId).map(SettingsChannelAccounts::twilio);
    }

    @Override
    public Optional<TwilioAccount> twilioByAddress(String toNumber, String messagingServiceSid) {
        Optional<SettingsService.Inbound> inbound = toNumber == null || toNumber.isEmpty() ? Optional.empty()
                : settings.byNumber(toNumber);
        if (inbound.isEmpty() && messagingServiceSid != null && !messagingServiceSid.isEmpty()) {
            inbound = settings.byMessagingServiceSid(messagingServiceSid);
        }
        return inbound.map(found -> twilio(found.settings()));
    }

    @Override
    public boolean anyTwilioAuthToken() {
        List<Tenant> all = db.read(tenants::all);
        return all.stream().anyMatch(t -> resolver.resolve(t).twilio().isPresent());
    }

    @Override
    public Optional<MessengerPage> messengerFor(long tenantId) {
        return settings.effective(tenantId).flatMap(s -> s.messenger().map(m -> messenger(s.tenantId(), m)));
    }

    @Override
    public Optional<MessengerPage> messengerByPageId(String pageId) {
        if (pageId == null || pageId.isEmpty()) {
            return Optional.empty();
        }
        return settings.byPageId(pageId)
                .flatMap(found -> found.settings().messenger().map(m -> messenger(found.tenant().id(), m)));
    }

    @Override
    public boolean isMessengerVerifyToken(String token) {
        return token != null && !token.isEmpty() && settings.byVerifyToken(token).isPresent();
    }

    /** A tenant with numbers but no account still gets a (token-less) account: inbound routing needs no secret. */
    private static TwilioAccount twilio(EffectiveSettings effective) {
        Optional<TwilioCredentials> credentials = effective.twilio();
        if (credentials.isEmpty()) {
            List<String> numbers = effective.inboundNumbers();
            return new TwilioAccount(effective.tenantId(), null, null, numbers.isEmpty() ? null : numbers.get(0), null,
                    null);
        }
        TwilioCredentials c = credentials.get();
        return new TwilioAccount(effective.tenantId(), c.accountSid(), c.authToken(), c.smsNumber(), c.whatsappNumber(),
                c.messagingServiceSid());
    }

    private static MessengerPage messenger(long tenantId, MessengerCredentials m) {
        return new MessengerPage(tenantId, m.pageId(), m.pageAccessToken(), m.appSecret(), m.verifyToken());
    }
}
