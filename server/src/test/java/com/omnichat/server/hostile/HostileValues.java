package com.omnichat.server.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bad inputs, as the bytes that go on the wire: JSON values (written as JSON text, so they can be what a
 * serializer would never produce), path segments and query values (already percent-encoded, or deliberately not).
 */
final class HostileValues {
    /** Inside a JSON string: bytes that are not UTF-8 at all. */
    static final byte[] INVALID_UTF8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};

    private HostileValues() {
    }

    /** Values for one JSON field: wrong types, extremes, and text a careless decoder or store gets wrong. */
    static List<String> jsonValues() {
        List<String> values = new ArrayList<>(List.of(
                "null", "true", "false", "0", "-1", "1.5", "-0", "1e999", "-1e999", "99999999999999999999999999",
                "9223372036854775808", "-9223372036854775809", "[]", "{}", "[1,2,3]", "{\"a\":1}", "[null]",
                "\"\"", "\" \"", "\"\\t\\n\\r\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\\ud800\"",
                "\"x\\ud83d\"", "\"\\u202eevil\\u202c\"", "\"\\u200b\"", "\"\\ufeffBOM\"", "\"😀🧑‍🚀👩🏽‍💻\"",
                "\"" + "😀".repeat(10_001) + "\"", "\"" + "x".repeat(100_000) + "\"", "\"e\\u0301\\u0301\\u0301\"",
                "\"<script>alert(1)</script>\"", "\"' OR '1'='1\"", "\"../../../../etc/passwd\"", "\"%zz%00\"",
                "\"=cmd|' /C calc'!A0\"", "\"ＡＢＣ１２３\"", "\"true\"", "\"-1\"", "\"NaN\"", "NaN", "Infinity",
                "\"1970-01-01T00:00:00Z\"", "\"+99999-01-01\"", "\"visitor-a1\"", "\"v_\"", "\" v_abc \"",
                nested(600), "[" + "1,".repeat(20_000) + "1]"));
        return values;
    }

    /** Whole bodies that are not the object a JSON route reads. */
    static List<byte[]> jsonBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String body : List.of("", " ", "null", "[]", "\"text\"", "123", "{", "}", "{\"a\":1}}", "{\"a\":1} x",
                "{'a':1}", "{a:1}", "{\"a\":1,}", "{/* c */}", "{\"a\":NaN}", "\ufeff{}", nested(100_000),
                "{\"a\":" + "1".repeat(5_000) + "}", "{\"a\":\"" + "\\u0041".repeat(40_000) + "\"}",
                "{\"\\ud800\":1}", "{\"\":1}", "{\"__proto__\":{\"admin\":true}}", "[{}]")) {
            bodies.add(body.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(withInvalidUtf8("{\"text\":\"", "\"}"));
        bodies.add("{\"a\":1}".getBytes(StandardCharsets.UTF_16));
        bodies.add(new byte[]{0, 0, 0, 0});
        return bodies;
    }

    /** Content types a JSON route must refuse or read as JSON, never guess at. */
    static List<String> contentTypes() {
        return List.of("text/plain", "application/xml", "multipart/form-data", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1", "application/json;;;",
                "text/html", "*/*", "application/jsonx", "\u00e9/\u00e9");
    }

    /** Path segments, percent-encoded as sent. */
    static List<String> pathSegments() {
        return List.of("%zz", "%", "%2", "%00", "..", "%2e%2e", "%2E%2E%2F%2E%2E", "a%2Fb", "a%5Cb", "%C0%AF",
                "%ED%A0%80", "%F0%9F%98%80", "%E2%80%AE", "%E2%80%8B", "%20", "%20x%20", "-1", "0",
                "9223372036854775808", "1e9", "x".repeat(3_000), "' OR 1=1 --", "%27%20OR%201%3D1", "c_unknown",
                "%3Cscript%3E", "a;b=c", "%3B", "v_", "+15551234567");
    }

    /** Query values, percent-encoded as sent. */
    static List<String> queryValues() {
        return List.of("%zz", "%", "%00", "", "-1", "0", "99999999999999999999", "abc", "1.5", "true",
                "x".repeat(3_000), "%F0%9F%98%80", "%ED%A0%80", "%C0%AF", "+", "2026-13-45", "2026-02-30T25:61:00Z",
                "..%2F..%2F", "%27", "[]", "%E2%80%AE", "1e3");
    }

    /** Ways the whole request path can be bent around a route. */
    static List<String> pathBends(String path) {
        return List.of(path + "/..", path + "/%2e%2e", path + "/../..", "/x/.." + path, path + "%zz", path + "%",
                path + "/%00", path + ";jsessionid=x", path.replaceFirst("/", "//"), path + "/" + "x".repeat(5_000),
                path.toUpperCase(java.util.Locale.ROOT), path + "/%2F", path + "?%zz=%zz", path + "#frag");
    }

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static byte[] withInvalidUtf8(String before, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + INVALID_UTF8.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(INVALID_UTF8, 0, all, head.length, INVALID_UTF8.length);
        System.arraycopy(tail, 0, all, head.length + INVALID_UTF8.length, tail.length);
        return all;
    }
}
