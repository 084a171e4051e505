package com.omnichat.server.exports;

import java.util.ArrayList;
import java.util.List;

/** Which rows of a tenant an export holds: creation time in [from, to) (micros, either open) and channels (empty: all). */
public record ExportFilter(long tenantId, Long from, Long to, List<String> channels) {
    List<Object> arguments() {
        List<Object> args = new ArrayList<>();
        args.add(tenantId);
        if (from != null) {
            args.add(from);
        }
        if (to != null) {
            args.add(to);
        }
        args.addAll(channels);
        return args;
    }
}
