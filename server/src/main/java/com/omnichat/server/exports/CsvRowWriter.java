package com.omnichat.server.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV: UTF-8, a header row, CRLF line ends, fields quoted when they hold a comma, quote, CR or LF. A text
 * cell that a spreadsheet would read as a formula (starting with =, +, -, @, tab or CR) is prefixed with an
 * apostrophe.
 */
final class CsvRowWriter implements ExportFormat.RowWriter {
    private final Writer out;

    CsvRowWriter(OutputStream stream, List<ExportKind.Column> columns) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 16 * 1024);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(columns.get(i).name());
        }
        out.write("\r\n");
    }

    @Override
    public void write(Object[] row) throws IOException {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            if (row[i] != null) {
                out.write(row[i] instanceof String text ? cell(text) : row[i].toString());
            }
        }
        out.write("\r\n");
    }

    static String cell(String text) {
        String safe = text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0 ? text : "'" + text;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\r') >= 0
                || safe.indexOf('\n') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
