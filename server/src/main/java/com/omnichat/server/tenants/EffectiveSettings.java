package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.config.TenantDefaults;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One tenant's settings as every feature should read them: the stored document (PROTOCOL.md §C.5) with the
 * protocol's defaults and the environment's (part E) filled in. Obtain one from {@link SettingsResolver#resolve} (inside
 * a transaction, from a {@link Tenant} you already read) or {@link SettingsService#effective(long)}.
 *
 * <p>Environment fallbacks (decision 0012): {@code OMNICHAT_PATIENCE_SECONDS}, {@code ESCALATE_AFTER_SECONDS} and
 * {@code AUTO_CLOSE_MINUTES} are the defaults of every tenant; {@code OMNICHAT_HISTORY_RETENTION_DAYS},
 * {@code BACKUP_NUMBER}, {@code TWILIO_*} and {@code FB_*} are the defaults of the default tenant only. Each field
 * falls back on its own, except the Twilio account SID and auth token, which always come as a pair from the same place.
 *
 * <p>The values are a snapshot taken when the tenant was read; a {@code settings.updated} event means a fresh read.
 */
public final class EffectiveSettings {
    public static final String DEFAULT_TITLE = "Chat with Us";
    public static final String DEFAULT_PRIMARY_COLOR = "#4f46e5";
    public static final String DEFAULT_POSITION = "right";
    /** The timezone of a tenant that has set none (the region id "UTC", not the offset "Z"). */
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");

    private final long tenantId;
    private final String tenantName;
    private final TenantSettings settings;
    private final JsonNode document;
    private final TenantDefaults env;
    private final boolean defaultTenant;

    EffectiveSettings(Tenant tenant, TenantDefaults env, boolean defaultTenant) {
        this.tenantId = tenant.id();
        this.tenantName = tenant.name();
        this.settings = tenant.settings();
        this.document = settings.document();
        this.env = env;
        this.defaultTenant = defaultTenant;
    }

    public long tenantId() {
        return tenantId;
    }

    public String tenantName() {
        return tenantName;
    }

    /** Whether this is the tenant of {@code OMNICHAT_DEFAULT_TENANT_ID}, which inherits the environment's channels. */
    public boolean isDefaultTenant() {
        return defaultTenant;
    }

    /** The stored document with protocol defaults only (texts, widget flags); contains secrets: never render it. */
    public TenantSettings stored() {
        return settings;
    }

    /** A visitor-facing text (§D.5) by key, such as {@code "patience"}; the protocol default when unset; "" disables. */
    public String text(String key) {
        return settings.text(key);
    }

    /** All eight texts of §D.5 by key, defaults filled in, in the protocol's order. */
    public Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String key : TenantSettings.TEXT_KEYS) {
            texts.put(key, text(key));
        }
        return texts;
    }

    public String widgetTitle() {
        return string(document.path("widget").path("title")).orElse(DEFAULT_TITLE);
    }

    /** {@code #rrggbb}. */
    public String widgetPrimaryColor() {
        return string(document.path("widget").path("primary_color")).orElse(DEFAULT_PRIMARY_COLOR);
    }

    /** {@code left} or {@code right}. */
    public String widgetPosition() {
        return string(document.path("widget").path("position")).orElse(DEFAULT_POSITION);
    }

    /** The tenant's own widget origins ({@code scheme://host[:port]} or {@code *}); empty when none. */
    public List<String> widgetAllowedOrigins() {
        return settings.widgetAllowedOrigins();
    }

    public boolean legacyWidgetEnabled() {
        return settings.legacyWidgetEnabled();
    }

    /** The tenant's timezone for shifts, business hours and analytics days; UTC when unset. */
    public ZoneId timezone() {
        return string(document.path("timezone")).map(EffectiveSettings::zone).orElse(DEFAULT_TIMEZONE);
    }

    /** Opening hours in {@link #timezone()}; always open when the tenant has none. */
    public BusinessHours businessHours() {
        return BusinessHours.of(settings);
    }

    /** Seconds after a period's first contact message before the patience text (§D.4 step 1); 0 disables it. */
    public int patienceSeconds() {
        return integer("patience_seconds").orElse(env.patienceSeconds());
    }

    /** Seconds after a period's first contact message before escalation (§D.4 step 2); 0 disables it. */
    public int escalateAfterSeconds() {
        return integer("escalate_after_seconds").orElse(env.escalateAfterSeconds());
    }

    /** Minutes without a user or staff message before auto-close (§D.5); 0 disables it. */
    public int autoCloseMinutes() {
        return integer("auto_close_minutes").orElse(env.autoCloseMinutes());
    }

    /** Days archived followups (history) are kept; the environment's value for the default tenant, else 30. */
    public int historyRetentionDays() {
        return integer("history_retention_days")
                .orElse(defaultTenant ? env.historyRetentionDays() : TenantDefaults.protocolDefaults().historyRetentionDays());
    }

    /** Whether submitting a followup closes the visitor's conversation; true when unset. */
    public boolean followupClosesConversation() {
        return settings.followupClosesConversation();
    }

    /** The on-call shifts in the order the admin gave them; empty when none. */
    public List<Shift> shifts() {
        List<Shift> shifts = new ArrayList<>();
        for (JsonNode shift : document.path("shifts")) {
            String end = shift.path("end").asText();
            List<String> numbers = new ArrayList<>();
            shift.path("numbers").forEach(n -> numbers.add(n.asText()));
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            shift.path("days").forEach(d -> Days.parse(d.asText()).ifPresent(days::add));
            shifts.add(new Shift(shift.path("name").asText(), LocalTime.parse(shift.path("start").asText()),
                    end.equals("24:00") ? null : LocalTime.parse(end), numbers,
                    days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : days));
        }
        return shifts;
    }

    /** The number alerted when no shift covers the time; {@code BACKUP_NUMBER} for the default tenant. */
    public Optional<String> backupNumber() {
        return field(document.path("backup_number"), env.backupNumber());
    }

    /**
     * The tenant's Twilio account, present only when both the account SID and the auth token are known (from the
     * settings, or for the default tenant from the environment). Numbers inside may still be null.
     */
    public Optional<TwilioCredentials> twilio() {
        Optional<String> sid = twilioAccountSid();
        Optional<String> token = twilioAuthToken();
        if (sid.isEmpty() || token.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> sms = twilioSmsNumber();
        return Optional.of(new TwilioCredentials(sid.get(), token.get(), sms.orElse(null),
                twilioWhatsappNumber().or(() -> sms).orElse(null), twilioMessagingServiceSid().orElse(null)));
    }

    /**
     * The tenant's Messenger page, present only when the page id, the page access token and the app secret are all
     * known (from the settings, or for the default tenant from the environment); the verify token may be null.
     */
    public Optional<MessengerCredentials> messenger() {
        Optional<String> page = messengerPageId();
        Optional<String> token = messengerField("page_access_token", env.fbPageAccessToken());
        Optional<String> secret = messengerField("app_secret", env.fbAppSecret());
        if (page.isEmpty() || token.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MessengerCredentials(page.get(), token.get(), secret.get(), messengerVerifyToken().orElse(null)));
    }

    /** The numbers that route inbound SMS/WhatsApp to this tenant: SMS number, WhatsApp number (without prefix). */
    public List<String> inboundNumbers() {
        List<String> numbers = new ArrayList<>();
        twilioSmsNumber().ifPresent(numbers::add);
        twilioWhatsappNumber().filter(n -> !numbers.contains(n)).ifPresent(numbers::add);
        return numbers;
    }

    Optional<String> twilioAccountSid() {
        return ownTwilioAccount() ? string(twilioNode().path("account_sid")) : inherited(env.twilioAccountSid());
    }

    Optional<String> twilioAuthToken() {
        return ownTwilioAccount() ? string(twilioNode().path("auth_token")) : inherited(env.twilioAuthToken());
    }

    Optional<String> twilioSmsNumber() {
        return field(twilioNode().path("sms_number"), env.twilioNumber());
    }

    /** Only an explicitly configured WhatsApp number, not the SMS number it defaults to. */
    Optional<String> twilioWhatsappNumber() {
        return field(twilioNode().path("whatsapp_number"), env.twilioWhatsappNumber());
    }

    Optional<String> twilioMessagingServiceSid() {
        return field(twilioNode().path("messaging_service_sid"), env.twilioMessagingServiceSid());
    }

    Optional<String> messengerPageId() {
        return messengerField("page_id", env.fbPageId());
    }

    Optional<String> messengerVerifyToken() {
        return messengerField("verify_token", env.fbVerifyToken());
    }

    boolean messengerSecretSet(String key) {
        return switch (key) {
            case "page_access_token" -> messengerField(key, env.fbPageAccessToken()).isPresent();
            case "app_secret" -> messengerField(key, env.fbAppSecret()).isPresent();
            default -> messengerVerifyToken().isPresent();
        };
    }

    private boolean ownTwilioAccount() {
        return twilioNode().has("account_sid") || twilioNode().has("auth_token");
    }

    private JsonNode twilioNode() {
        return document.path("twilio");
    }

    private Optional<String> messengerField(String key, Optional<String> fallback) {
        return field(document.path("messenger").path(key), fallback);
    }

    private Optional<String> field(JsonNode stored, Optional<String> defaultTenantFallback) {
        return string(stored).or(() -> inherited(defaultTenantFallback));
    }

    private Optional<String> inherited(Optional<String> environmentValue) {
        return defaultTenant ? environmentValue : Optional.empty();
    }

    private Optional<Integer> integer(String key) {
        JsonNode value = document.path(key);
        return value.canConvertToInt() && value.isIntegralNumber() ? Optional.of(value.asInt()) : Optional.empty();
    }

    private static Optional<String> string(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return DEFAULT_TIMEZONE;
        }
    }
}
