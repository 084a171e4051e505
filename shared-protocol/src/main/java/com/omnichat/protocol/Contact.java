package com.omnichat.protocol;

/** Contact details of a conversation's other side, from its newest followup. */
public record Contact(String name, String email, String phone) {
    public static final Contact UNKNOWN = new Contact(null, null, null);
}
