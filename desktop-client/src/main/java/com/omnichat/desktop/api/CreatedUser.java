package com.omnichat.desktop.api;

/** A new user and, when the server generated it, the password to hand over once. */
public record CreatedUser(StaffUser user, String initialPassword) {
}
