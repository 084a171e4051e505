package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A PATCH of the settings document (PROTOCOL.md §C.5) checked and merged into the stored one: an absent key is
 * unchanged, {@code null} removes it (back to the default), objects (business hours by day) merge key by key, arrays
 * are replaced. Unknown keys
 * are refused; read-only keys of the GET document ({@code tenant}, {@code widget.site_key}, {@code *_set},
 * {@code auth_token_hint}) are ignored, so a client may send back what it read (decision 0012). Every wrong field is
 * reported at once, by its dotted path, and nothing is merged when one is wrong.
 */
final class SettingsPatch {
    static final Set<String> NESTED = Set.of("widget", "texts", "twilio", "messenger");
    /** Keys whose values are secrets: their names may be audited, their values never. */
    static final Set<String> CREDENTIALS = Set.of("twilio.account_sid", "twilio.auth_token",
            "messenger.page_access_token", "messenger.app_secret", "messenger.verify_token");

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern ORIGIN = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:?#@]+(:[0-9]{1,5})?");
    private static final Pattern NO_SPACE = Pattern.compile("\\S+");
    private static final Set<String> IGNORED_TOP = Set.of("tenant");
    private static final Map<String, Set<String>> IGNORED_NESTED = Map.of(
            "widget", Set.of("site_key"),
            "twilio", Set.of("auth_token_set", "auth_token_hint"),
            "messenger", Set.of("page_access_token_set", "app_secret_set", "verify_token_set"));
    private static final int MAX_TEXT_CHARS = 2000;
    private static final int MAX_SHIFTS = 50;
    private static final int MAX_NUMBERS = 20;
    private static final int MAX_ORIGINS = 100;
    private static final int MAX_RANGES = 10;

    private final List<FieldError> errors = new ArrayList<>();

    /** What the merge produced: the new stored document and the keys whose value changed, in dotted form. */
    record Result(ObjectNode document, List<String> changedKeys, Set<String> credentialsSet) {
    }

    private SettingsPatch() {
    }

    static Result apply(ObjectNode stored, ObjectNode patch) {
        SettingsPatch run = new SettingsPatch();
        ObjectNode merged = stored.deepCopy();
        Set<String> credentials = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            run.top(merged, entry.getKey(), entry.getValue(), credentials);
        }
        if (!run.errors.isEmpty()) {
            throw ApiException.invalid(run.errors);
        }
        return new Result(merged, changedKeys(stored, merged), credentials);
    }

    private void top(ObjectNode merged, String key, JsonNode value, Set<String> credentials) {
        if (IGNORED_TOP.contains(key)) {
            return;
        }
        if (NESTED.contains(key)) {
            nested(merged, key, value, credentials);
            return;
        }
        if (!List.of("timezone", "business_hours", "patience_seconds", "escalate_after_seconds", "auto_close_minutes",
                "followup_closes_conversation", "history_retention_days", "shifts", "backup_number").contains(key)) {
            fail(key, "is not a setting");
            return;
        }
        if (value.isNull()) {
            merged.remove(key);
            return;
        }
        boolean ok = switch (key) {
            case "timezone" -> timezone(key, value);
            case "business_hours" -> businessHours(key, value);
            case "followup_closes_conversation" -> bool(key, value);
            case "shifts" -> shifts(key, value);
            case "backup_number" -> pattern(key, value, E164, "must be an E.164 number such as +15550009999");
            default -> nonNegative(key, value);
        };
        if (ok && key.equals("business_hours")) {
            mergeDays(merged, value);
        } else if (ok) {
            merged.set(key, value);
        }
    }

    /** Business hours merge day by day: a day given replaces that day's ranges, a day set to null is closed. */
    private static void mergeDays(ObjectNode merged, JsonNode days) {
        ObjectNode week = merged.path("business_hours").isObject() ? (ObjectNode) merged.get("business_hours")
                : merged.putObject("business_hours");
        for (Iterator<Map.Entry<String, JsonNode>> it = days.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> day = it.next();
            if (day.getValue().isNull()) {
                week.remove(day.getKey());
            } else {
                week.set(day.getKey(), day.getValue());
            }
        }
    }

    private void nested(ObjectNode merged, String block, JsonNode value, Set<String> credentials) {
        if (value.isNull()) {
            merged.remove(block);
            return;
        }
        if (!value.isObject()) {
            fail(block, "must be an object");
            return;
        }
        ObjectNode target = merged.path(block).isObject() ? (ObjectNode) merged.get(block) : merged.putObject(block);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            String path = block + "." + key;
            JsonNode v = entry.getValue();
            if (IGNORED_NESTED.getOrDefault(block, Set.of()).contains(key)) {
                continue;
            }
            if (!known(block, key)) {
                fail(path, "is not a setting");
                continue;
            }
            if (v.isNull()) {
                target.remove(key);
                continue;
            }
            if (check(block, key, path, v)) {
                target.set(key, v);
                if (CREDENTIALS.contains(path)) {
                    credentials.add(path);
                }
            }
        }
        if (target.isEmpty()) {
            merged.remove(block);
        }
    }

    private static boolean known(String block, String key) {
        return switch (block) {
            case "widget" -> List.of("title", "primary_color", "position", "allowed_origins", "legacy_widget_enabled").contains(key);
            case "texts" -> TenantSettings.TEXT_KEYS.contains(key);
            case "twilio" -> List.of("account_sid", "auth_token", "sms_number", "whatsapp_number", "messaging_service_sid").contains(key);
            default -> List.of("page_id", "page_access_token", "app_secret", "verify_token").contains(key);
        };
    }

    private boolean check(String block, String key, String path, JsonNode v) {
        return switch (path) {
            case "widget.title" -> text(path, v, 1, 100);
            case "widget.primary_color" -> pattern(path, v, COLOR, "must be a colour like #4f46e5");
            case "widget.position" -> pattern(path, v, Pattern.compile("left|right"), "must be left or right");
            case "widget.allowed_origins" -> origins(path, v);
            case "widget.legacy_widget_enabled" -> bool(path, v);
            case "twilio.account_sid" -> pattern(path, v, Pattern.compile("AC[A-Za-z0-9]{1,62}"), "must be an account SID starting with AC");
            case "twilio.auth_token" -> secret(path, v, 256);
            case "twilio.sms_number", "twilio.whatsapp_number" -> pattern(path, v, E164, "must be an E.164 number such as +15550001000");
            case "twilio.messaging_service_sid" -> pattern(path, v, Pattern.compile("MG[A-Za-z0-9]{1,62}"), "must be a Messaging Service SID starting with MG");
            case "messenger.page_id" -> pattern(path, v, Pattern.compile("[0-9]{1,64}"), "must be a numeric page id");
            case "messenger.page_access_token" -> secret(path, v, 1024);
            case "messenger.app_secret", "messenger.verify_token" -> secret(path, v, 256);
            default -> block.equals("texts") && text(path, v, 0, MAX_TEXT_CHARS);
        };
    }

    private boolean text(String path, JsonNode v, int min, int max) {
        if (!v.isTextual()) {
            return fail(path, "must be a string");
        }
        int length = v.asText().codePointCount(0, v.asText().length());
        if (min > 0 && v.asText().isBlank()) {
            return fail(path, "must not be blank");
        }
        return length <= max || fail(path, "must be at most " + max + " characters");
    }

    private boolean secret(String path, JsonNode v, int max) {
        if (!v.isTextual() || !NO_SPACE.matcher(v.asText()).matches()) {
            return fail(path, "must be a non-empty string without spaces");
        }
        return v.asText().length() <= max || fail(path, "must be at most " + max + " characters");
    }

    private boolean pattern(String path, JsonNode v, Pattern pattern, String message) {
        return v.isTextual() && pattern.matcher(v.asText()).matches() || fail(path, message);
    }

    private boolean bool(String path, JsonNode v) {
        return v.isBoolean() || fail(path, "must be true or false");
    }

    private boolean nonNegative(String path, JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 0
                || fail(path, "must be a non-negative whole number");
    }

    private boolean timezone(String path, JsonNode v) {
        if (v.isTextual() && (v.asText().equals("UTC") || ZoneId.getAvailableZoneIds().contains(v.asText()))) {
            try {
                ZoneId.of(v.asText());
                return true;
            } catch (DateTimeException e) {
                return fail(path, "must be an IANA timezone such as America/New_York");
            }
        }
        return fail(path, "must be an IANA timezone such as America/New_York");
    }

    private boolean origins(String path, JsonNode v) {
        if (!v.isArray() || v.size() > MAX_ORIGINS) {
            return fail(path, "must be a list of at most " + MAX_ORIGINS + " origins");
        }
        boolean ok = true;
        for (int i = 0; i < v.size(); i++) {
            JsonNode origin = v.get(i);
            if (!origin.isTextual() || !origin.asText().equals("*") && !ORIGIN.matcher(origin.asText()).matches()) {
                ok = fail(path + "[" + i + "]", "must be scheme://host[:port] without a path, or *");
            }
        }
        return ok;
    }

    private boolean businessHours(String path, JsonNode v) {
        if (!v.isObject()) {
            return fail(path, "must be an object of days (mon…sun) or null");
        }
        boolean ok = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> day = it.next();
            String dayPath = path + "." + day.getKey();
            if (!Days.NAMES.contains(day.getKey())) {
                ok = fail(dayPath, "is not a day name (mon, tue, wed, thu, fri, sat, sun)");
                continue;
            }
            JsonNode ranges = day.getValue();
            if (ranges.isNull()) {
                continue;
            }
            if (!ranges.isArray() || ranges.size() > MAX_RANGES) {
                ok = fail(dayPath, "must be a list of at most " + MAX_RANGES + " [\"HH:MM\",\"HH:MM\"] ranges");
                continue;
            }
            for (int i = 0; i < ranges.size(); i++) {
                JsonNode range = ranges.get(i);
                String rangePath = dayPath + "[" + i + "]";
                if (!range.isArray() || range.size() != 2 || !isTime(range.get(0), false) || !isTime(range.get(1), true)) {
                    ok = fail(rangePath, "must be [\"HH:MM\",\"HH:MM\"] (\"24:00\" allowed as the end)");
                } else if (range.get(0).asText().compareTo(range.get(1).asText()) >= 0) {
                    ok = fail(rangePath, "must start before it ends");
                }
            }
        }
        return ok;
    }

    private boolean shifts(String path, JsonNode v) {
        if (!v.isArray() || v.size() > MAX_SHIFTS) {
            return fail(path, "must be a list of at most " + MAX_SHIFTS + " shifts");
        }
        boolean ok = true;
        for (int i = 0; i < v.size(); i++) {
            ok &= shift(path + "[" + i + "]", v.get(i));
        }
        return ok;
    }

    private boolean shift(String path, JsonNode shift) {
        if (!shift.isObject()) {
            return fail(path, "must be an object with name, start, end, numbers and optional days");
        }
        boolean ok = true;
        for (Iterator<String> names = shift.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("name", "start", "end", "numbers", "days").contains(name)) {
                ok = fail(path + "." + name, "is not a shift field");
            }
        }
        ok &= text(path + ".name", shift.path("name").isMissingNode() ? JsonNodeFactory.instance.nullNode() : shift.get("name"), 1, 100);
        if (!isTime(shift.path("start"), false)) {
            ok = fail(path + ".start", "must be HH:MM");
        }
        if (!isTime(shift.path("end"), true)) {
            ok = fail(path + ".end", "must be HH:MM (\"24:00\" allowed)");
        }
        JsonNode numbers = shift.path("numbers");
        if (!numbers.isArray() || numbers.size() > MAX_NUMBERS) {
            ok = fail(path + ".numbers", "must be a list of at most " + MAX_NUMBERS + " E.164 numbers");
        } else {
            for (int i = 0; i < numbers.size(); i++) {
                ok &= pattern(path + ".numbers[" + i + "]", numbers.get(i), E164, "must be an E.164 number");
            }
        }
        JsonNode days = shift.get("days");
        if (days != null && !days.isNull()) {
            if (!days.isArray() || days.isEmpty()) {
                ok = fail(path + ".days", "must be a non-empty list of day names, or absent for every day");
            } else {
                for (int i = 0; i < days.size(); i++) {
                    if (!days.get(i).isTextual() || !Days.NAMES.contains(days.get(i).asText())) {
                        ok = fail(path + ".days[" + i + "]", "must be one of mon, tue, wed, thu, fri, sat, sun");
                    }
                }
            }
        } else if (days != null) {
            ((ObjectNode) shift).remove("days");
        }
        return ok;
    }

    private static boolean isTime(JsonNode v, boolean endOfDayAllowed) {
        return v.isTextual() && (TIME.matcher(v.asText()).matches() || endOfDayAllowed && v.asText().equals("24:00"));
    }

    private boolean fail(String field, String message) {
        errors.add(FieldError.body(field, "value_error", message));
        return false;
    }

    /** Top-level keys, or {@code block.key} inside widget, texts, twilio and messenger, whose stored value differs. */
    static List<String> changedKeys(ObjectNode before, ObjectNode after) {
        Set<String> keys = new java.util.TreeSet<>();
        Set<String> names = new HashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode a = before.path(name);
            JsonNode b = after.path(name);
            if (NESTED.contains(name)) {
                Set<String> inner = new HashSet<>();
                a.fieldNames().forEachRemaining(inner::add);
                b.fieldNames().forEachRemaining(inner::add);
                for (String key : inner) {
                    if (!a.path(key).equals(b.path(key))) {
                        keys.add(name + "." + key);
                    }
                }
            } else if (!a.equals(b)) {
                keys.add(name);
            }
        }
        return List.copyOf(keys);
    }

    static ArrayNode array(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
