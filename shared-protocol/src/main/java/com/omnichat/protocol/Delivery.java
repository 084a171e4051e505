package com.omnichat.protocol;

/** Outbound delivery state of a staff or system message on a non-web channel. */
public record Delivery(String status, String errorCode, String errorMessage, String updatedAt) {
}
