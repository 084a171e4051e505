package com.omnichat.server.http;

import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Path segments decoded with path rules: %XX is decoded but '+' stays '+', so a phone number such as +15551234567
 * survives whether or not the client encoded it (query-string decoders would turn it into a space).
 */
public final class PathParams {
    private PathParams() {
    }

    /** The raw segments of the request path after {@code prefix}, each decoded. */
    public static List<String> segmentsAfter(Context ctx, String prefix) {
        String raw = ctx.req().getRequestURI();
        String rest = raw.length() > prefix.length() ? raw.substring(prefix.length()) : "";
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        if (rest.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(rest.split("/", -1)).map(PathParams::decode).toList();
    }

    public static String decode(String segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        int i = 0;
        while (i < segment.length()) {
            char ch = segment.charAt(i);
            if (ch == '%' && i + 2 < segment.length()
                    && Character.digit(segment.charAt(i + 1), 16) >= 0 && Character.digit(segment.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(segment.charAt(i + 1), 16) * 16 + Character.digit(segment.charAt(i + 2), 16));
                i += 3;
                continue;
            }
            int end = segment.indexOf('%', i + 1);
            end = end < 0 ? segment.length() : end;
            byte[] bytes = segment.substring(i, end).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            i = end;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
