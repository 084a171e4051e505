package com.omnichat.server.channels.webchat;

import com.omnichat.server.errors.ApiException;

import java.util.Optional;

/** Reads {@code Authorization: Visitor <visitor_id>:<visitor_secret>} and checks it. */
public final class VisitorAuth {
    private final WidgetService widget;

    public VisitorAuth(WidgetService widget) {
        this.widget = widget;
    }

    public Visitor require(String authorizationHeader) {
        return fromHeader(authorizationHeader)
                .orElseThrow(() -> ApiException.unauthenticated("Visitor credentials are missing or wrong"));
    }

    public Optional<Visitor> fromHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, "Visitor ", 0, 8)) {
            return Optional.empty();
        }
        String credentials = header.substring(8).trim();
        int colon = credentials.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return widget.authenticate(credentials.substring(0, colon), credentials.substring(colon + 1));
    }
}
