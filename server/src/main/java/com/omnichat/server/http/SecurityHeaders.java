package com.omnichat.server.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Puts {@code X-Content-Type-Options: nosniff} on every response before any handler runs, so API JSON, static
 * files, WebSocket upgrade refusals and Jetty's own refusals alike are read as the type they declare: a browser never
 * runs an answer of ours as a script or page it guessed at.
 */
final class SecurityHeaders implements HttpConfiguration.Customizer {
    static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        responseHeaders.put(NOSNIFF);
        return request;
    }
}
