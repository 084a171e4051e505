package com.omnichat.server.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an import did (or, in a dry run, would do), per old table, and what it could not map. */
public final class ImportReport {
    private final Map<String, Tally> tables = new LinkedHashMap<>();
    private final List<String> notMapped = new ArrayList<>();

    /** Counts of one old table: how many rows became new records and why the others did not. */
    public static final class Tally {
        private int imported;
        private final Map<String, Integer> skipped = new LinkedHashMap<>();

        public int imported() {
            return imported;
        }

        public int skipped() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    void imported(String table) {
        tally(table).imported++;
    }

    void skipped(String table, String reason) {
        tally(table).skipped.merge(reason, 1, Integer::sum);
    }

    void notMapped(String what) {
        notMapped.add(what);
    }

    private Tally tally(String table) {
        return tables.computeIfAbsent(table, name -> new Tally());
    }

    public Map<String, Tally> tables() {
        return tables;
    }

    public int totalImported() {
        return tables.values().stream().mapToInt(Tally::imported).sum();
    }

    /** The operator's summary: one line per table, then each skip reason, then what was not mapped. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        tables.forEach((table, tally) -> {
            lines.add(String.format("%-14s imported %d, skipped %d", table, tally.imported(), tally.skipped()));
            tally.skipped.forEach((reason, count) -> lines.add("    skipped " + count + ": " + reason));
        });
        if (!notMapped.isEmpty()) {
            lines.add("Not mapped:");
            notMapped.forEach(what -> lines.add("    " + what));
        }
        return lines;
    }
}
