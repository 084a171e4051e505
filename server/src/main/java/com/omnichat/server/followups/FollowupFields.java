package com.omnichat.server.followups;

import com.omnichat.server.http.JsonBody;

/** Reads and checks a followup's fields from a request body (PROTOCOL.md §A.10); the caller validates the body. */
public final class FollowupFields {
    private FollowupFields() {
    }

    public static Followup read(JsonBody body, int maxMessageChars) {
        String name = body.optionalText("name", 200, false);
        String email = body.optionalText("email", 254, false);
        String phone = body.optionalText("phone", 50, false);
        String message = body.optionalText("message", maxMessageChars, false);
        if (email != null && !email.isBlank() && !email.contains("@")) {
            body.reject("email", "value_error", "must be an email address");
        }
        return new Followup(blankToNull(name), blankToNull(email), blankToNull(phone), blankToNull(message));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
