package com.omnichat.server.config;

import java.util.Optional;

/**
 * Where the third-party APIs are (PROTOCOL.md part E): real services in production, local fakes in tests. Base URLs
 * carry no trailing slash. The Expo access token never appears in {@link #toString()}.
 */
public record ProviderEndpoints(
        String twilioApiBaseUrl,
        String fbGraphBaseUrl,
        String fbGraphVersion,
        String expoPushUrl,
        Optional<String> expoAccessToken) {

    public static ProviderEndpoints standard() {
        return new ProviderEndpoints("https://api.twilio.com", "https://graph.facebook.com", "v25.0",
                "https://exp.host/--/api/v2/push/send", Optional.empty());
    }

    @Override
    public String toString() {
        return "ProviderEndpoints[twilioApiBaseUrl=" + twilioApiBaseUrl + ", fbGraphBaseUrl=" + fbGraphBaseUrl
                + ", fbGraphVersion=" + fbGraphVersion + ", expoPushUrl=" + expoPushUrl
                + ", expoAccessToken=" + (expoAccessToken.isPresent() ? "set" : "-") + "]";
    }
}
