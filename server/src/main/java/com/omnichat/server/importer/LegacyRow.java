package com.omnichat.server.importer;

import java.util.Map;

/** One row of an old table; a column the old file lacks reads as null. rowid identifies the row across runs. */
record LegacyRow(long rowid, Map<String, Object> values) {
    String text(String column) {
        Object value = values.get(column);
        return value == null ? null : value.toString();
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
}
