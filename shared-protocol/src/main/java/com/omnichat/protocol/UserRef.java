package com.omnichat.protocol;

/** A staff member as clients see one: the decimal id string and the display name. */
public record UserRef(String id, String name) {
}
