package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnichat.protocol.Timestamps;
import com.omnichat.server.audit.Actor;
import com.omnichat.server.audit.AuditEntry;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.storage.Database;
import com.omnichat.server.storage.WriteContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's settings (PROTOCOL.md §C.5): the admin's reads and changes, site key rotation, and the lookups that route
 * inbound channel traffic (a Twilio number, a Messaging Service, a Messenger page or verify token) to a tenant.
 * The identities that route traffic are kept in {@code channel_identities}, in the transaction that changes them.
 */
public final class SettingsService {
    public static final String EVENT = "settings.updated";

    private final Database db;
    private final TenantStore tenants;
    private final SettingsResolver resolver;
    private final EventLog events;
    private final AuditLog audit;
    private final RandomTokens random;
    private final WidgetOriginClaims origins;
    private final Optional<String> publicBaseUrl;
    private final Clock clock;

    public SettingsService(Database db, TenantStore tenants, SettingsResolver resolver, EventLog events, AuditLog audit,
                           RandomTokens random, WidgetOriginClaims origins, Optional<String> publicBaseUrl,
                           Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.resolver = resolver;
        this.events = events;
        this.audit = audit;
        this.random = random;
        this.origins = origins;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    /** A tenant together with its resolved settings: what an inbound lookup finds. */
    public record Inbound(Tenant tenant, EffectiveSettings settings) {
    }

    /** The tenant's current settings with every default resolved; empty for an unknown tenant. */
    public Optional<EffectiveSettings> effective(long tenantId) {
        return db.read(c -> tenants.find(c, tenantId)).map(resolver::resolve);
    }

    /** The admin's GET document. */
    public Map<String, Object> view(long tenantId) {
        return db.read(c -> view(c, tenantId));
    }

    private Map<String, Object> view(Connection c, long tenantId) throws SQLException {
        Tenant tenant = tenants.find(c, tenantId).orElseThrow(() -> ApiException.notFound("Tenant not found"));
        return SettingsView.render(resolver.resolve(tenant), tenants.identityOf(c, TenantStore.SITE_KEY, tenantId).orElse(null));
    }

    /**
     * Checks and merges a PATCH, keeps the routing identities in step, and on a real change audits
     * {@code settings.updated} and emits the {@code settings.updated} event, all in one transaction. Returns the new
     * GET document.
     */
    public Map<String, Object> update(Actor actor, long tenantId, ObjectNode patch, String ip) {
        return db.writer().execute(tx -> {
            Connection c = tx.connection();
            Tenant tenant = tenants.find(c, tenantId).orElseThrow(() -> ApiException.notFound("Tenant not found"));
            SettingsPatch.Result result = SettingsPatch.apply(tenant.settings().document(), patch);
            if (!result.credentialsSet().isEmpty() && publicBaseUrl.isEmpty()) {
                List<FieldError> errors = new ArrayList<>();
                for (String field : result.credentialsSet()) {
                    errors.add(FieldError.body(field, "value_error",
                            "needs PUBLIC_BASE_URL to be configured on the server (webhook signatures use it)"));
                }
                throw ApiException.invalid(errors);
            }
            if (!result.changedKeys().isEmpty()) {
                long now = now();
                syncIdentities(c, tenantId, result.document(), now);
                origins.sync(c, tenantId, tenant.settings().widgetAllowedOrigins(),
                        new TenantSettings(result.document()).widgetAllowedOrigins(), now);
                tenants.saveSettings(c, tenantId, new TenantSettings(result.document()));
                announce(tx, actor, tenantId, "settings.updated", result.changedKeys(),
                        Map.of("keys", result.changedKeys()), ip, now);
            }
            return view(c, tenantId);
        });
    }

    /** A new widget site key; the old one stops working at once. Returns the new GET document. */
    public Map<String, Object> rotateSiteKey(Actor actor, long tenantId, String ip) {
        String siteKey = "wk_" + random.base62(24);
        return db.writer().execute(tx -> {
            Connection c = tx.connection();
            tenants.find(c, tenantId).orElseThrow(() -> ApiException.notFound("Tenant not found"));
            for (String old : tenants.identitiesOf(c, TenantStore.SITE_KEY, tenantId)) {
                tenants.removeIdentity(c, TenantStore.SITE_KEY, old, tenantId);
            }
            long now = now();
            tenants.addIdentity(c, TenantStore.SITE_KEY, siteKey, tenantId, now);
            announce(tx, actor, tenantId, "settings.site_key_rotated", List.of("widget.site_key"), Map.of(), ip, now);
            return view(c, tenantId);
        });
    }

    private void announce(WriteContext tx, Actor actor, long tenantId, String auditType, List<String> keys,
                          Map<String, Object> auditDetails, String ip, long now) throws SQLException {
        Connection c = tx.connection();
        audit.record(c, AuditEntry.by(actor, tenantId, auditType, "settings", Long.toString(tenantId), ip, auditDetails), now);
        events.append(tx, new EventLog.Draft(tenantId, tenants.nextSeq(c, tenantId), EVENT, true, null, null,
                Map.of("keys", keys), null), now);
    }

    /**
     * Makes the tenant's rows in {@code channel_identities} match its stored numbers, Messaging Service and page id.
     * A value another tenant owns, or one the environment gives the default tenant, is a 409.
     */
    private void syncIdentities(Connection c, long tenantId, ObjectNode document, long now) throws SQLException {
        Set<String> numbers = new LinkedHashSet<>();
        addText(numbers, document.path("twilio").path("sms_number").textValue());
        addText(numbers, document.path("twilio").path("whatsapp_number").textValue());
        Set<String> services = new LinkedHashSet<>();
        addText(services, document.path("twilio").path("messaging_service_sid").textValue());
        Set<String> pages = new LinkedHashSet<>();
        addText(pages, document.path("messenger").path("page_id").textValue());
        Optional<EffectiveSettings> defaults = tenantId == resolver.defaultTenantId() ? Optional.empty()
                : tenants.find(c, resolver.defaultTenantId()).map(resolver::resolve);
        sync(c, tenantId, TenantStore.PHONE_NUMBER, numbers, "twilio.sms_number",
                defaults.map(EffectiveSettings::inboundNumbers).orElse(List.of()), now);
        sync(c, tenantId, TenantStore.MESSAGING_SERVICE_SID, services, "twilio.messaging_service_sid",
                defaults.flatMap(EffectiveSettings::twilioMessagingServiceSid).stream().toList(), now);
        sync(c, tenantId, TenantStore.MESSENGER_PAGE_ID, pages, "messenger.page_id",
                defaults.flatMap(EffectiveSettings::messengerPageId).stream().toList(), now);
    }

    private void sync(Connection c, long tenantId, String kind, Set<String> wanted, String field,
                      List<String> heldByDefaultTenant, long now) throws SQLException {
        List<String> owned = tenants.identitiesOf(c, kind, tenantId);
        for (String value : wanted) {
            if (owned.contains(value)) {
                continue;
            }
            Optional<Long> owner = tenants.tenantOfIdentity(c, kind, value);
            if (owner.isPresent() || heldByDefaultTenant.contains(value)) {
                throw new ApiException(409, "conflict", field + " " + value + " already belongs to another tenant",
                        List.of(), Map.of("field", field));
            }
            tenants.addIdentity(c, kind, value, tenantId, now);
        }
        for (String value : owned) {
            if (!wanted.contains(value)) {
                tenants.removeIdentity(c, kind, value, tenantId);
            }
        }
    }

    private static void addText(Set<String> values, String value) {
        if (value != null) {
            values.add(value);
        }
    }

    /**
     * The enabled tenant that receives inbound Twilio traffic sent to {@code to} (an E.164 number, with or without
     * {@code whatsapp:}): the owner of that number in the settings, else the default tenant when the number is its
     * environment fallback ({@code TWILIO_NUMBER}/{@code TWILIO_WHATSAPP_NUMBER}).
     */
    public Optional<Inbound> byNumber(String to) {
        String number = to.startsWith("whatsapp:") ? to.substring("whatsapp:".length()) : to;
        return lookup(TenantStore.PHONE_NUMBER, number, s -> s.inboundNumbers().contains(number));
    }

    /** The enabled tenant that receives traffic of a Twilio Messaging Service (settings first, then the environment). */
    public Optional<Inbound> byMessagingServiceSid(String sid) {
        return lookup(TenantStore.MESSAGING_SERVICE_SID, sid,
                s -> s.twilioMessagingServiceSid().filter(sid::equals).isPresent());
    }

    /** The enabled tenant that owns a Messenger page id (settings first, then {@code FB_PAGE_ID}). */
    public Optional<Inbound> byPageId(String pageId) {
        return lookup(TenantStore.MESSENGER_PAGE_ID, pageId, s -> s.messengerPageId().filter(pageId::equals).isPresent());
    }

    /**
     * The enabled tenant whose Messenger verify token (or {@code FB_VERIFY_TOKEN}, for the default tenant) equals
     * {@code token}, compared in constant time.
     */
    public Optional<Inbound> byVerifyToken(String token) {
        return db.read(c -> {
            for (Tenant tenant : tenants.all(c)) {
                EffectiveSettings settings = resolver.resolve(tenant);
                if (!tenant.disabled() && settings.messengerVerifyToken()
                        .filter(own -> RandomTokens.constantTimeEquals(own, token)).isPresent()) {
                    return Optional.of(new Inbound(tenant, settings));
                }
            }
            return Optional.<Inbound>empty();
        });
    }

    private Optional<Inbound> lookup(String kind, String value, java.util.function.Predicate<EffectiveSettings> envMatch) {
        return db.read(c -> {
            Optional<Long> owner = tenants.tenantOfIdentity(c, kind, value);
            Optional<Tenant> tenant;
            if (owner.isPresent()) {
                tenant = tenants.find(c, owner.get());
            } else {
                tenant = tenants.find(c, resolver.defaultTenantId())
                        .filter(t -> envMatch.test(resolver.resolve(t)));
            }
            return tenant.filter(t -> !t.disabled()).map(t -> new Inbound(t, resolver.resolve(t)));
        });
    }

    private long now() {
        return Timestamps.toMicros(clock.instant());
    }
}
