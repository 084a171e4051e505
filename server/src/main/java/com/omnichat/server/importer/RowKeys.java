package com.omnichat.server.importer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ledger keys for old rows, from their content rather than their rowid: a copy of the same file, or a newer copy of
 * the same deployment, maps the same row to the same key, while another deployment's rows never collide with it.
 * Identical rows in one file stay distinct through their occurrence number, counted in rowid order.
 */
final class RowKeys {
    /** Columns that differ between copies or change over time without making it another row. */
    private static final Set<String> NOT_IDENTITY = Set.of("id", "tenant_id", "viewed");

    private final Map<String, Integer> occurrences = new HashMap<>();

    String of(String kind, LegacyRow row) {
        StringBuilder content = new StringBuilder();
        new TreeMap<>(row.values()).forEach((column, value) -> {
            if (!NOT_IDENTITY.contains(column)) {
                content.append(column).append('=').append(value).append('\u0000');
            }
        });
        String digest = HexFormat.of().formatHex(sha256(content.toString()), 0, 16);
        return digest + "#" + occurrences.merge(kind + " " + digest, 1, Integer::sum);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
