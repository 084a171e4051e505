package com.omnichat.server.followups;

/** What a visitor leaves when nobody can answer now; every field may be absent, but not all of them. */
public record Followup(String name, String email, String phone, String message) {
}
