package com.omnichat.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What a hostile request's answer must never be: a server error, an HTML page, an error body in another family's
 * shape (or none), a message that leaks a null field name, or a response a browser may sniff into something else.
 */
final class Verdict {
    private Verdict() {
    }

    static List<String> problems(RawHttp.Request request, RawHttp.Response response) {
        List<String> problems = new ArrayList<>();
        if (response.status() >= 500) {
            problems.add("server error " + response.status());
        }
        if (!"nosniff".equals(response.header("X-Content-Type-Options"))) {
            problems.add("no X-Content-Type-Options: nosniff");
        }
        if (response.status() < 400 || request.method().equals("HEAD")) {
            return problems;
        }
        String type = String.valueOf(response.header("Content-Type"));
        String text = response.text();
        if (!type.startsWith("application/json") || text.stripLeading().startsWith("<")) {
            problems.add("error is not JSON: " + type + " " + HostileCases.abbreviate(text));
            return problems;
        }
        JsonNode body;
        try {
            body = Api.JSON.readTree(text);
        } catch (Exception e) {
            problems.add("error body does not parse: " + HostileCases.abbreviate(text));
            return problems;
        }
        List<String> messages = new ArrayList<>();
        boolean detail = body.path("detail").isTextual() || body.path("detail").isArray();
        boolean error = body.path("error").path("code").isTextual() && body.path("error").path("message").isTextual();
        body.path("detail").forEach(item -> messages.add(item.path("msg").asText()));
        if (body.path("detail").isTextual()) {
            messages.add(body.path("detail").asText());
        }
        if (error) {
            messages.add(body.path("error").path("message").asText());
        }
        RouteFamily.Shape shape = shapeOf(request.target());
        boolean fits = shape == null ? detail || error : switch (shape) {
            case DETAIL -> detail;
            case ERROR -> error;
            case BOTH -> detail && error;
        };
        if (!fits) {
            problems.add("error body is not the " + shape + " shape of its route: " + HostileCases.abbreviate(text));
        }
        for (String message : messages) {
            if (message.isBlank() || message.startsWith("null:")) {
                problems.add("error message says nothing: '" + message + "'");
            }
        }
        return problems;
    }

    /** The shape the path the server sees asks for; null when the path is too broken to have one. */
    private static RouteFamily.Shape shapeOf(String target) {
        // the family of the route the path points into once dot segments, doubled slashes and ;parameters are gone
        String path = target.split("[?#]", 2)[0].replaceAll(";[^/]*", "").replaceAll("(?i)%2e", ".").replaceAll("/{2,}", "/");
        try {
            return RouteFamily.shapeOf(URI.create("http://h" + path).normalize().getPath());
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
