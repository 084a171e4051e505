package com.omnichat.desktop.api;

import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * One CSV download of {@code GET /api/v1/exports/{kind}} streamed to a file: the bytes go to disk as they arrive, so
 * an export of any size needs a buffer of memory. They are written next to the target ({@code <name>.part}) and moved
 * over it only when the whole response has arrived: a failed or cancelled download leaves no partial file, and an
 * existing file at the target is replaced only by a complete one.
 */
public final class CsvExport {
    private static final int BUFFER = 16 * 1024;

    /** Called on the downloading thread after each chunk; {@code totalBytes} is -1 when the server does not say. */
    @FunctionalInterface
    public interface Progress {
        void update(long bytes, long totalBytes, long rows);
    }

    public record Result(Path file, long bytes, long rows) {
    }

    private final String kind;
    private final TimeRange range;
    private final Path target;
    private final Progress progress;
    private volatile boolean cancelled;
    private volatile Call call;

    /** {@code kind} is conversations, messages or followups; {@code range} filters by creation time. */
    public CsvExport(String kind, TimeRange range, Path target, Progress progress) {
        this.kind = kind;
        this.range = range;
        this.target = target;
        this.progress = progress;
    }

    /** Stops the download from any thread; {@link #run} then ends with a {@link CancellationException}. */
    public void cancel() {
        cancelled = true;
        Call running = call;
        if (running != null) {
            running.cancel();
        }
    }

    /** Downloads; blocks until the file is complete. Fails with an {@link ApiFailure} or a cancellation. */
    public Result run(HttpJson api) {
        Map<String, String> query = range.query();
        query.put("format", "csv");
        call = api.http().newCall(api.authorized(new Request.Builder()
                .url(api.url("/api/v1/exports/" + kind, query))).get().build());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            throwIfCancelled();
            Result result = download(api, part);
            throwIfCancelled();
            move(part);
            return result;
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw cancelled ? new CancellationException("Export cancelled") : e;
        }
    }

    private Result download(HttpJson api, Path part) {
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                throw api.failure(response);
            }
            ResponseBody body = response.body();
            return copy(body.byteStream(), part, body.contentLength());
        } catch (IOException e) {
            throw ApiFailure.unreachable(api.baseUrl(), e);
        }
    }

    /** Copies to {@code part}, counting bytes and CSV records as they pass. */
    private Result copy(InputStream in, Path part, long total) throws IOException {
        Records records = new Records();
        long bytes = 0;
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(part)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                throwIfCancelled();
                write(out, buffer, n);
                records.scan(buffer, n);
                bytes += n;
                progress.update(bytes, total, records.dataRows());
            }
        } catch (FileSystemException e) {
            throw fileFailure(e);
        }
        return new Result(target, bytes, records.dataRows());
    }

    private void write(OutputStream out, byte[] buffer, int length) {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw fileFailure(e);
        }
    }

    private void move(Path part) {
        try {
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw fileFailure(e);
        }
    }

    private void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("Export cancelled");
        }
    }

    /** A disk problem (full, not allowed, gone) is told as such, not as a network failure. */
    private ApiFailure fileFailure(IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ApiFailure(ApiFailure.Kind.REJECTED, 0, "file_error", "Could not write " + target + ": " + why, e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Nothing more can be done; the name ends in .part so nobody mistakes it for an export.
        }
    }

    /**
     * Counts RFC 4180 records by their line ends outside quotes (a message may hold line breaks). Byte-wise is safe:
     * in UTF-8 no byte of a multi-byte character is a quote or a line feed.
     */
    static final class Records {
        private boolean quoted;
        private long lines;

        void scan(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                if (bytes[i] == '"') {
                    quoted = !quoted;
                } else if (bytes[i] == '\n' && !quoted) {
                    lines++;
                }
            }
        }

        /** Complete records after the header. */
        long dataRows() {
            return Math.max(0, lines - 1);
        }
    }
}
