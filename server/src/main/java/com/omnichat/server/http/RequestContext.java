package com.omnichat.server.http;

import io.javalin.http.Context;
import org.slf4j.MDC;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What every log line of a request carries (request id, tenant id), in SLF4J's MDC for the request's thread and in
 * the request's attributes for the access log, which may run elsewhere. Set when the request starts, cleared when its
 * access line is written, and cleared again at the start of the next request on the same thread.
 */
public final class RequestContext {
    public static final String REQUEST_ID = "request_id";
    public static final String TENANT_ID = "tenant_id";
    public static final String HEADER = "X-Request-Id";
    private static final String SANE_ID = "[A-Za-z0-9._:-]{1,64}";

    private RequestContext() {
    }

    /** A caller's X-Request-Id when it is a short plain token (a proxy's or a client's); a new one otherwise. */
    static String begin(Context ctx) {
        MDC.clear();
        String offered = ctx.header(HEADER);
        String id = offered != null && offered.matches(SANE_ID)
                ? offered : Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        MDC.put(REQUEST_ID, id);
        ctx.attribute(REQUEST_ID, id);
        ctx.header(HEADER, id);
        return id;
    }

    /** The tenant the request acts for, once a route has worked it out from a token, a site key or a visitor. */
    public static void tenant(Context ctx, long tenantId) {
        String id = Long.toString(tenantId);
        MDC.put(TENANT_ID, id);
        ctx.attribute(TENANT_ID, id);
    }

    /** Puts the request's values back on the current thread (the access log's thread may not be the handler's). */
    static void restore(Context ctx) {
        String requestId = ctx.attribute(REQUEST_ID);
        String tenantId = ctx.attribute(TENANT_ID);
        if (requestId != null) {
            MDC.put(REQUEST_ID, requestId);
        }
        if (tenantId != null) {
            MDC.put(TENANT_ID, tenantId);
        }
    }

    static void clear() {
        MDC.clear();
    }
}
