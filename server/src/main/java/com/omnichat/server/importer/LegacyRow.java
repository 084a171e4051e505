package com.omnichat.server.importer;

import java.util.Map;
import java.util.Optional;

/** One row of an old table; a column the old file lacks reads as null. rowid orders rows as the old file did. */
record LegacyRow(long rowid, Map<String, Object> values) {
    /** The old server's default channel, for rows written before it had others. */
    private static final String WEBCHAT = "webchat";

    String text(String column) {
        Object value = values.get(column);
        return value == null ? null : value.toString();
    }

    boolean has(String column) {
        return values.containsKey(column);
    }

    /** The old server stored flags as 0/1 integers, sometimes as text. */
    boolean flag(String column) {
        Object value = values.get(column);
        if (value instanceof Number number) {
            return number.longValue() != 0;
        }
        return value != null && (value.toString().equals("1") || value.toString().equalsIgnoreCase("true"));
    }

    Long number(String column) {
        Object value = values.get(column);
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return value == null ? null : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The old users.id that other tables point to; the rowid when the table has no id column. */
    long legacyId() {
        Long id = number("id");
        return id == null ? rowid : id;
    }

    String channel() {
        String channel = text("channel");
        return channel == null || channel.isBlank() ? WEBCHAT : channel;
    }

    boolean hasUserId() {
        String userId = text("user_id");
        return userId != null && !userId.isBlank();
    }

    /** How the old system identified a conversation: (channel, user_id). */
    String conversationKey() {
        return channel() + " " + text("user_id");
    }

    Optional<Long> time(String column) {
        return LegacyTimestamps.parse(text(column));
    }

    /** Optional time columns: fine when null or absent, not when one holds text the old system never wrote. */
    boolean timesParse(String... columns) {
        for (String column : columns) {
            String text = text(column);
            if (text != null && !text.isBlank() && LegacyTimestamps.parse(text).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
