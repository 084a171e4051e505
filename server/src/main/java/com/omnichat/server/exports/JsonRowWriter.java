package com.omnichat.server.exports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/** One JSON array of objects with the export's keys, written incrementally by a streaming generator. */
final class JsonRowWriter implements ExportFormat.RowWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator json;
    private final List<ExportKind.Column> columns;

    JsonRowWriter(OutputStream out, List<ExportKind.Column> columns) throws IOException {
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.columns = columns;
        json.writeStartArray();
    }

    @Override
    public void write(Object[] row) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < row.length; i++) {
            json.writeFieldName(columns.get(i).name());
            Object value = row[i];
            if (value == null) {
                json.writeNull();
            } else if (value instanceof Long number) {
                json.writeNumber(number);
            } else if (value instanceof BigDecimal decimal) {
                json.writeNumber(decimal);
            } else {
                json.writeString(value.toString());
            }
        }
        json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        json.writeEndArray();
        json.flush();
    }
}
