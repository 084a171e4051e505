package com.omnichat.server.cli;

import com.omnichat.server.storage.TableCounts;

import java.io.PrintWriter;

/** Row counts side by side, one table a line, so an operator sees at a glance that a copy is complete. */
final class Counts {
    private static final String ROW = "  %-22s %12s %12s%n";

    private Counts() {
    }

    static void print(PrintWriter out, String leftTitle, TableCounts left, String rightTitle, TableCounts right) {
        out.printf(ROW, "TABLE", leftTitle, rightTitle);
        left.rows().forEach((table, rows) -> out.printf(ROW, table, rows,
                right.rows().containsKey(table) ? right.rows().get(table) : "-"));
    }

    static void print(PrintWriter out, String title, TableCounts counts) {
        out.printf("  %-22s %12s%n", "TABLE", title);
        counts.rows().forEach((table, rows) -> out.printf("  %-22s %12d%n", table, rows));
    }
}
