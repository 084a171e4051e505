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
        int status = e.status();
        if (status == 422 && style == ErrorStyle.V1 && isMalformedJson(e)) {
            status = 400;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (style != ErrorStyle.V1) {
            body.put("detail", e.status() == 422 && !e.fieldErrors().isEmpty() ? legacyList(e.fieldErrors()) : e.getMessage());
        }
        if (style != ErrorStyle.LEGACY) {
            String code = status == 400 ? "malformed_json" : e.code();
            body.put("error", ApiError.of(code, e.getMessage(), v1Details(e)).error());
        }
        if (status == 401 && "Not authenticated".equals(e.getMessage())) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        if (status == 429) {
            ctx.header("Retry-After", String.valueOf(e.details().getOrDefault("retry_after", 60)));
        }
        ctx.attribute(RENDERED, true);
        ctx.status(status).json(body);
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
