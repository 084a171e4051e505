package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnichat.server.secrets.SecretBox;

import java.util.List;

/**
 * The write-only channel credentials of a settings document (PROTOCOL.md §C.5), sealed on their way into the
 * database and opened on their way out, so the rest of the server only ever sees plain settings. A sealed value is
 * bound to its tenant and field.
 */
public final class StoredCredentials {
    /** Block and key of every secret value; the account SID and the numbers are shown in the settings, not secret. */
    private static final List<List<String>> SECRET_FIELDS = List.of(
            List.of("twilio", "auth_token"),
            List.of("messenger", "page_access_token"),
            List.of("messenger", "app_secret"),
            List.of("messenger", "verify_token"));

    private final SecretBox box;

    public StoredCredentials(SecretBox box) {
        this.box = box;
    }

    /** A copy with every plain secret sealed; values already sealed stay as they are. */
    ObjectNode seal(long tenantId, ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        for (List<String> field : SECRET_FIELDS) {
            JsonNode value = copy.path(field.get(0)).path(field.get(1));
            if (value.isTextual() && !SecretBox.isSealed(value.asText())) {
                ((ObjectNode) copy.get(field.get(0))).put(field.get(1), box.seal(value.asText(), context(tenantId, field)));
            }
        }
        return copy;
    }

    /**
     * A copy with every sealed secret opened; throws {@link com.omnichat.server.secrets.UnreadableSecretException}
     * rather than answer an empty credential when the key cannot open one.
     */
    ObjectNode open(long tenantId, ObjectNode document) {
        ObjectNode copy = null;
        for (List<String> field : SECRET_FIELDS) {
            JsonNode value = document.path(field.get(0)).path(field.get(1));
            if (value.isTextual() && SecretBox.isSealed(value.asText())) {
                if (copy == null) {
                    copy = document.deepCopy();
                }
                ((ObjectNode) copy.get(field.get(0))).put(field.get(1), box.open(value.asText(), context(tenantId, field)));
            }
        }
        return copy == null ? document : copy;
    }

    /** Whether a stored document still holds a secret in plain text (saved before encryption at rest). */
    boolean anyPlain(JsonNode stored) {
        for (List<String> field : SECRET_FIELDS) {
            JsonNode value = stored.path(field.get(0)).path(field.get(1));
            if (value.isTextual() && !SecretBox.isSealed(value.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String context(long tenantId, List<String> field) {
        return "tenant " + tenantId + " " + field.get(0) + "." + field.get(1);
    }
}
