package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tenant's settings document (PROTOCOL.md §C.5) as stored, read with the protocol's defaults for anything unset.
 * Features read the typed, environment-resolved view {@link EffectiveSettings}.
 */
public final class TenantSettings {
    public static final Map<String, String> DEFAULT_TEXTS = Map.of(
            "greeting", "Connecting you with a staff member, please wait...",
            "offline", "Our staff is currently unavailable. Please leave your contact information and we'll get back to you soon.",
            "followup_thanks", "✅ Thank you for your message. Our team will respond promptly.",
            "patience", "We are still trying to locate an available staff member, thank you for your patience.",
            "escalation", "All staff are currently assisting others. Please leave your message and contact info, and a team member will respond as soon as possible.",
            "sms_auto_reply", "Thanks, we got your message!",
            "escalation_alert", "[Escalation Alert] Conversation with {user_id} ({channel}) has escalated. Visitor was asked to leave contact info.",
            "auto_close", "");

    /** The text keys of §D.5 in the protocol's order. */
    public static final List<String> TEXT_KEYS = List.of("greeting", "offline", "followup_thanks", "patience",
            "escalation", "sms_auto_reply", "escalation_alert", "auto_close");

    private final ObjectNode document;

    public TenantSettings(JsonNode document) {
        this.document = document instanceof ObjectNode object ? object.deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    public static TenantSettings empty() {
        return new TenantSettings(null);
    }

    /**
     * A copy of the stored document as saved, without defaults. It holds the write-only credentials
     * ({@code twilio.auth_token}, {@code messenger.*}): never render or log it; features read {@link EffectiveSettings}.
     */
    public ObjectNode document() {
        return document.deepCopy();
    }

    public String text(String key) {
        JsonNode value = document.path("texts").path(key);
        return value.isTextual() ? value.asText() : DEFAULT_TEXTS.getOrDefault(key, "");
    }

    public List<String> widgetAllowedOrigins() {
        List<String> origins = new ArrayList<>();
        document.path("widget").path("allowed_origins").forEach(node -> origins.add(node.asText()));
        return origins;
    }

    public boolean legacyWidgetEnabled() {
        JsonNode value = document.path("widget").path("legacy_widget_enabled");
        return !value.isBoolean() || value.asBoolean();
    }

    public boolean followupClosesConversation() {
        JsonNode value = document.path("followup_closes_conversation");
        return !value.isBoolean() || value.asBoolean();
    }
}
