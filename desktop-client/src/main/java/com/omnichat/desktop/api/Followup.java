package com.omnichat.desktop.api;

import com.omnichat.protocol.UserRef;

/** A followup a contact left (name, contact details, message) as the admin followups API returns it (§C.4). */
public record Followup(String id, String conversationId, String channel, String externalId, String name,
                       String email, String phone, String message, String createdAt, String viewedAt,
                       String archivedAt, UserRef archivedBy) {
    public boolean viewed() {
        return viewedAt != null;
    }

    public boolean archived() {
        return archivedAt != null;
    }

    /** Who left it, as a person would name them: the name, else email, phone, or the channel's id for them. */
    public String displayName() {
        for (String candidate : new String[]{name, email, phone}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return externalId;
    }

    /** Email and phone, as far as given. */
    public String contactDetails() {
        String mail = email == null || email.isBlank() ? "" : email;
        String tel = phone == null || phone.isBlank() ? "" : phone;
        return mail.isEmpty() || tel.isEmpty() ? mail + tel : mail + " · " + tel;
    }
}
