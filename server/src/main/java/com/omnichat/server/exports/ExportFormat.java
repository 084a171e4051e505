package com.omnichat.server.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/** The two export formats: each writes a header (or opening), rows one by one, and a closing. */
public enum ExportFormat {
    CSV("csv", "text/csv; charset=utf-8"),
    JSON("json", "application/json");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public static Optional<ExportFormat> byName(String name) {
        for (ExportFormat format : values()) {
            if (format.extension.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    RowWriter open(OutputStream out, List<ExportKind.Column> columns) throws IOException {
        return this == CSV ? new CsvRowWriter(out, columns) : new JsonRowWriter(out, columns);
    }

    /** Writes rows as they come; holds at most a buffer's worth of output. */
    interface RowWriter extends AutoCloseable {
        /** One row: values already converted to String, Long or BigDecimal (or null), in column order. */
        void write(Object[] row) throws IOException;

        @Override
        void close() throws IOException;
    }
}
