package com.omnichat.server.importer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The older followup shape kept one text like {@code Email: x, Phone: y}, with N/A for a missing part. */
record ContactText(String email, String phone, boolean recognised) {
    private static final Pattern SHAPE = Pattern.compile(
            "^\\s*Email:\\s*(.*?)\\s*,\\s*Phone:\\s*(.*?)\\s*$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    static ContactText parse(String contact) {
        if (contact == null || contact.isBlank()) {
            return new ContactText(null, null, true);
        }
        Matcher matcher = SHAPE.matcher(contact);
        if (matcher.matches()) {
            return new ContactText(value(matcher.group(1)), value(matcher.group(2)), true);
        }
        // Free text from before the form had two fields: keep it where it most likely belongs.
        String text = contact.trim();
        return text.contains("@") ? new ContactText(text, null, false) : new ContactText(null, text, false);
    }

    private static String value(String part) {
        return part.isEmpty() || part.equalsIgnoreCase("N/A") || part.equalsIgnoreCase("None") ? null : part;
    }
}
