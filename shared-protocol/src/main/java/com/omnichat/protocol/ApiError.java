package com.omnichat.protocol;

import java.util.Map;

/** The v1 error body: {"error":{"code","message","details"}} (PROTOCOL.md §C.1). */
public record ApiError(Body error) {
    public record Body(String code, String message, Map<String, Object> details) {
    }

    public static ApiError of(String code, String message, Map<String, Object> details) {
        return new ApiError(new Body(code, message, details == null ? Map.of() : details));
    }
}
