package com.omnichat.server.exports;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.storage.Database;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * Streams an export straight from a database cursor to the response: one row in memory at a time, whatever the
 * tenant's size (PROTOCOL.md §C.4). The read runs in one snapshot, so the export is consistent.
 */
public final class ExportService {
    private final Database db;

    public ExportService(Database db) {
        this.db = db;
    }

    /** Writes every row of {@code kind} matching {@code filter} to {@code out}; returns how many. */
    public long write(ExportKind kind, ExportFormat format, ExportFilter filter, OutputStream out) {
        List<ExportKind.Column> columns = kind.columns();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(kind.sql(filter));
                 ExportFormat.RowWriter writer = format.open(out, columns)) {
                List<Object> args = filter.arguments();
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                ps.setFetchSize(500);
                long rows = 0;
                Object[] row = new Object[columns.size()];
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = value(rs, i + 1, columns.get(i).type());
                        }
                        writer.write(row);
                        rows++;
                    }
                }
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Object value(ResultSet rs, int index, ExportKind.Column.Type type) throws java.sql.SQLException {
        return switch (type) {
            case TEXT -> rs.getString(index);
            case INTEGER -> {
                long value = rs.getLong(index);
                yield rs.wasNull() ? null : value;
            }
            case ID -> {
                long value = rs.getLong(index);
                yield rs.wasNull() ? null : Long.toString(value);
            }
            case TIME -> {
                long value = rs.getLong(index);
                yield rs.wasNull() ? null : Timestamps.formatMicros(value);
            }
            case SECONDS -> {
                long value = rs.getLong(index);
                BigDecimal seconds = BigDecimal.valueOf(value, 6).stripTrailingZeros();
                yield rs.wasNull() ? null : seconds.scale() < 0 ? seconds.setScale(0) : seconds;
            }
        };
    }
}
