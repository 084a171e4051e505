package com.omnichat.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.errors.ApiException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The answer to a request Jetty refuses before any route sees it (a request line or percent-encoding it cannot read,
 * an ambiguous path, a bad Host, headers or a URI too long): the JSON error of the route family instead of Jetty's
 * HTML page. When the request was too broken to have a path, the body carries both shapes, so a legacy client reads
 * {@code detail} and a v1 client reads {@code error}. Jetty's text is never sent (PROTOCOL.md §0: no internal details).
 */
final class JsonErrorPages extends ErrorHandler {
    /** The placeholder paths Jetty gives a request whose own path it could not read. */
    private static final Set<String> UNREADABLE_PATHS = Set.of("/badMessage", "/badURI");

    private final ObjectMapper json;

    JsonErrorPages(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException refused) {
            status = refused.getCode();
        }
        if (status < 400 || status > 599) {
            status = 500;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(SecurityHeaders.NOSNIFF);
        if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(styleOf(request), status)), callback);
        return true;
    }

    private static ErrorStyle styleOf(Request request) {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        return path == null || UNREADABLE_PATHS.contains(path) ? ErrorStyle.BOTH : ErrorStyle.of(path);
    }

    private byte[] body(ErrorStyle style, int status) {
        try {
            return json.writeValueAsBytes(ErrorRenderer.body(style, refusal(status)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException refusal(int status) {
        return switch (status) {
            case 400 -> new ApiException(400, "bad_request", "Bad request");
            case 404 -> ApiException.notFound("Not Found");
            case 405 -> new ApiException(405, "method_not_allowed", "Method Not Allowed");
            case 413 -> new ApiException(413, "payload_too_large", "Request body too large");
            case 414 -> new ApiException(414, "uri_too_long", "Request URI too long");
            case 415 -> new ApiException(415, "unsupported_media_type", "Unsupported media type");
            case 431 -> new ApiException(431, "headers_too_large", "Request headers too large");
            case 503 -> new ApiException(503, "unavailable", "Service unavailable");
            default -> status < 500
                    ? new ApiException(status, "bad_request", "Bad request")
                    : new ApiException(status, "internal", "Internal server error");
        };
    }
}
