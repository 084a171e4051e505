package com.omnichat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.text.UnicodeText;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON request body read field by field. Every problem is collected, so the client learns all wrong fields at
 * once; {@link #validate()} throws them as one 422 before anything is written.
 */
public final class JsonBody {
    private final ObjectNode node;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    public static JsonBody parse(Context ctx, ObjectMapper json) {
        String contentType = ctx.contentType();
        if (contentType != null && !contentType.toLowerCase().startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "Unsupported media type");
        }
        String raw = ctx.body();
        if (raw.isBlank()) {
            throw ApiException.invalid(new FieldError("body", null, "missing", "Field required"));
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(raw);
        } catch (Exception e) {
            throw ApiException.invalid(new FieldError("body", null, "json_invalid", "JSON decode error"));
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw ApiException.invalid(new FieldError("body", null, "value_error", "Input should be a JSON object"));
        }
        refuseUnpairedSurrogates(object);
        return new JsonBody(object);
    }

    /**
     * JSON may escape half a surrogate pair (a lone {@code \\uD800}); stored, it would become '?' and an honest retry
     * would then conflict with its own first attempt. Checked here, for every field of every route, before any use.
     */
    private static void refuseUnpairedSurrogates(ObjectNode object) {
        List<FieldError> errors = new ArrayList<>();
        object.fields().forEachRemaining(field -> {
            if (!UnicodeText.isWellFormed(field.getKey()) || !isWellFormed(field.getValue())) {
                String name = UnicodeText.isWellFormed(field.getKey()) ? field.getKey() : null;
                errors.add(new FieldError("body", name, "value_error", "must be valid Unicode (an unpaired surrogate was sent)"));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static boolean isWellFormed(JsonNode node) {
        if (node.isTextual()) {
            return UnicodeText.isWellFormed(node.textValue());
        }
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!UnicodeText.isWellFormed(field.getKey()) || !isWellFormed(field.getValue())) {
                    return false;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!isWellFormed(item)) {
                    return false;
                }
            }
        }
        return true;
    }

    public ObjectNode node() {
        return node;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    /** A required string: present, a string, not blank after trimming, at most {@code max} code points. */
    public String requiredText(String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(FieldError.missing("body", field));
            return null;
        }
        return checkText(field, value, max, true);
    }

    /** An optional string; null when absent or null. Blank allowed unless {@code notBlank}. */
    public String optionalText(String field, int max, boolean notBlank) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return checkText(field, value, max, notBlank);
    }

    private String checkText(String field, JsonNode value, int max, boolean notBlank) {
        if (!value.isTextual()) {
            errors.add(FieldError.body(field, "string_type", "Input should be a valid string"));
            return null;
        }
        String text = value.asText();
        Optional<UnicodeText.Problem> problem = UnicodeText.check(text, max, notBlank);
        if (problem.isPresent()) {
            errors.add(FieldError.body(field, problem.get().type(), problem.get().message()));
            return null;
        }
        return text;
    }

    public Optional<Long> optionalLong(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            errors.add(FieldError.body(field, "int_parsing", "Input should be a valid integer"));
            return Optional.empty();
        }
        return Optional.of(value.asLong());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            errors.add(FieldError.body(field, "bool_type", "Input should be a valid boolean"));
            return Optional.empty();
        }
        return Optional.of(value.asBoolean());
    }

    public void reject(String field, String type, String message) {
        errors.add(FieldError.body(field, type, message));
    }

    public void validate() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
