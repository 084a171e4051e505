package com.omnichat.server.conversations;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque list cursors: the sort key of the last row returned, so pages stay stable under concurrent inserts. */
public final class Cursors {
    private Cursors() {
    }

    public static String encode(long sortKey, long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((sortKey + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    public static long[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            return new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (RuntimeException e) {
            throw ApiException.invalid(new FieldError("query", "cursor", "value_error", "is not a cursor this server issued"));
        }
    }
}
