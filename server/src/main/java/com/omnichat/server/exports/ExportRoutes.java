package com.omnichat.server.exports;

import com.omnichat.protocol.Channels;
import com.omnichat.protocol.Timestamps;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.history.HistoryService;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.FilterParams;
import com.omnichat.server.http.QueryParams;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import io.javalin.http.Context;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.omnichat.server.http.RouteTable.Access.ADMIN;

/** {@code GET /api/v1/exports/{kind}}: a streamed CSV or JSON download for admins (PROTOCOL.md §C.4). */
public final class ExportRoutes implements RouteModule {
    private final ExportService exports;
    private final HistoryService history;
    private final StaffAuth auth;
    private final ClientIp clientIp;

    public ExportRoutes(ExportService exports, HistoryService history, StaffAuth auth, ClientIp clientIp) {
        this.exports = exports;
        this.history = history;
        this.auth = auth;
        this.clientIp = clientIp;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/api/v1/exports/{kind}", ADMIN, this::export);
    }

    private void export(Context ctx) {
        Principal admin = auth.requireAdmin(ctx);
        ExportKind kind = ExportKind.byPathName(ctx.pathParam("kind"))
                .orElseThrow(() -> ApiException.notFound("No such export"));
        String formatName = ctx.queryParam("format");
        ExportFormat format = ExportFormat.byName(formatName == null || formatName.isEmpty() ? "csv" : formatName)
                .orElseThrow(() -> ApiException.invalid(new FieldError("query", "format", "value_error",
                        "must be csv or json")));
        Long[] range = FilterParams.range(ctx);
        List<String> channels = QueryParams.list(ctx, "channel", Channels.ALL);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", kind.pathName());
        details.put("format", format.extension());
        details.put("from", Timestamps.formatMicros(range[0]));
        details.put("to", Timestamps.formatMicros(range[1]));
        details.put("channels", channels);
        history.recordExport(admin, clientIp.of(ctx), details);

        ctx.status(200);
        ctx.contentType(format.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + kind.pathName() + "-" + day(range[0], "all")
                + "-" + day(range[1], "now") + "." + format.extension() + "\"");
        exports.write(kind, format, new ExportFilter(admin.tenantId(), range[0], range[1], channels), ctx.outputStream());
    }

    /** A bound as its UTC date, or the word used when the range is open on that side. */
    private static String day(Long micros, String open) {
        return micros == null ? open : Timestamps.fromMicros(micros).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
