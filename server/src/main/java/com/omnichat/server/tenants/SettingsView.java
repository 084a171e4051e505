package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings document an admin reads (PROTOCOL.md §C.5): defaults filled in, environment fallbacks visible for the
 * default tenant, credentials reduced to {@code *_set} flags and a four-character hint.
 */
final class SettingsView {
    private static final int HINT_CHARS = 4;
    /** Shorter tokens get no hint: four characters of them would give too much away. */
    private static final int MIN_CHARS_FOR_HINT = 12;

    private SettingsView() {
    }

    static Map<String, Object> render(EffectiveSettings s, String siteKey) {
        JsonNode stored = s.stored().document();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", Map.of("id", Long.toString(s.tenantId()), "name", s.tenantName()));
        Map<String, Object> widget = new LinkedHashMap<>();
        widget.put("site_key", siteKey);
        widget.put("title", s.widgetTitle());
        widget.put("primary_color", s.widgetPrimaryColor());
        widget.put("position", s.widgetPosition());
        widget.put("allowed_origins", s.widgetAllowedOrigins());
        widget.put("legacy_widget_enabled", s.legacyWidgetEnabled());
        body.put("widget", widget);
        body.put("texts", s.texts());
        body.put("timezone", s.timezone().getId());
        body.put("business_hours", businessHours(stored.path("business_hours")));
        body.put("patience_seconds", s.patienceSeconds());
        body.put("escalate_after_seconds", s.escalateAfterSeconds());
        body.put("auto_close_minutes", s.autoCloseMinutes());
        body.put("followup_closes_conversation", s.followupClosesConversation());
        body.put("history_retention_days", s.historyRetentionDays());
        body.put("shifts", stored.path("shifts").isArray() ? stored.get("shifts") : List.of());
        body.put("backup_number", s.backupNumber().orElse(null));
        Map<String, Object> twilio = new LinkedHashMap<>();
        Optional<String> token = s.twilioAuthToken();
        twilio.put("account_sid", s.twilioAccountSid().orElse(null));
        twilio.put("auth_token_set", token.isPresent());
        twilio.put("auth_token_hint", token.filter(t -> t.length() >= MIN_CHARS_FOR_HINT)
                .map(t -> "…" + t.substring(t.length() - HINT_CHARS)).orElse(null));
        twilio.put("sms_number", s.twilioSmsNumber().orElse(null));
        twilio.put("whatsapp_number", s.twilioWhatsappNumber().orElse(null));
        twilio.put("messaging_service_sid", s.twilioMessagingServiceSid().orElse(null));
        body.put("twilio", twilio);
        Map<String, Object> messenger = new LinkedHashMap<>();
        messenger.put("page_id", s.messengerPageId().orElse(null));
        messenger.put("page_access_token_set", s.messengerSecretSet("page_access_token"));
        messenger.put("app_secret_set", s.messengerSecretSet("app_secret"));
        messenger.put("verify_token_set", s.messengerSecretSet("verify_token"));
        body.put("messenger", messenger);
        return body;
    }

    /** Null (always open) when unset; otherwise every day, with {@code []} (closed) for the days not given. */
    private static Map<String, Object> businessHours(JsonNode week) {
        if (!week.isObject()) {
            return null;
        }
        Map<String, Object> days = new LinkedHashMap<>();
        for (String day : Days.NAMES) {
            days.put(day, week.path(day).isArray() ? week.get(day) : new ArrayList<>());
        }
        return days;
    }
}
