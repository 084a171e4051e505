package com.omnichat.server.channels.webchat;

/** A widget visitor, authenticated by its server-issued id and secret; bound to one tenant. */
public record Visitor(String id, long tenantId) {
}
