package com.omnichat.server.http;

import com.omnichat.protocol.ApiError;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes an {@link ApiException} in the error shape the route's clients read. */
public final class ErrorRenderer {
    static final String RENDERED = "omnichat.error-rendered";

    private ErrorRenderer() {
    }

    public static void render(Context ctx, ApiException e) {
        ErrorStyle style = ErrorStyle.of(ctx.path());
        int status = statusOf(style, e);
        Map<String, Object> body = body(style, status == 400 && style != ErrorStyle.LEGACY
                ? new ApiException(400, "malformed_json", e.getMessage(), e.fieldErrors(), e.details()) : e);
        if (status == 401 && "Not authenticated".equals(e.getMessage())) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        if (status == 429) {
            ctx.header("Retry-After", String.valueOf(e.details().getOrDefault("retry_after", 60)));
        }
        ctx.attribute(RENDERED, true);
        ctx.status(status).json(body);
    }

    /** The status {@code e} is answered with: a v1 route answers a body that is not JSON with 400, not 422. */
    private static int statusOf(ErrorStyle style, ApiException e) {
        return e.status() == 422 && style == ErrorStyle.V1 && isMalformedJson(e) ? 400 : e.status();
    }

    /**
     * The error body in {@code style}: {"detail"} for legacy routes, {"error"} for v1, both for the routes (and the
     * requests too broken to have a route) that both kinds of client read.
     */
    public static Map<String, Object> body(ErrorStyle style, ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (style != ErrorStyle.V1) {
            body.put("detail", e.status() == 422 && !e.fieldErrors().isEmpty() ? legacyList(e.fieldErrors()) : e.getMessage());
        }
        if (style != ErrorStyle.LEGACY) {
            body.put("error", ApiError.of(e.code(), e.getMessage(), v1Details(e)).error());
        }
        return body;
    }

    public static void render(Context ctx, int status, String code, String message) {
        render(ctx, new ApiException(status, code, message));
    }

    private static boolean isMalformedJson(ApiException e) {
        return e.fieldErrors().stream().anyMatch(f -> f.type().equals("json_invalid"));
    }

    private static List<Map<String, Object>> legacyList(List<FieldError> errors) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (FieldError error : errors) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("loc", error.field() == null ? List.of(error.location()) : List.of(error.location(), error.field()));
            item.put("msg", error.message());
            item.put("type", error.type());
            list.add(item);
        }
        return list;
    }

    private static Map<String, Object> v1Details(ApiException e) {
        Map<String, Object> details = new LinkedHashMap<>(e.details());
        if (!e.fieldErrors().isEmpty() && !isMalformedJson(e)) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (FieldError error : e.fieldErrors()) {
                fields.putIfAbsent(error.field() == null ? error.location() : error.field(), error.message());
            }
            details.put("fields", fields);
        }
        return details;
    }
}
