package com.omnichat.server.channels.messenger;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;

import static com.omnichat.server.http.RouteTable.Access.WEBHOOK;

/** The Messenger webhook: the GET handshake and the signed POST events. */
public final class MessengerRoutes implements RouteModule {
    public static final String PATH = "/webhooks/messenger";
    /** Meta's batches can be large (§0: 1 MiB for this route). */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final MessengerWebhookService service;
    private final ClientIp clientIp;

    public MessengerRoutes(MessengerWebhookService service, ClientIp clientIp) {
        this.service = service;
        this.clientIp = clientIp;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get(PATH, WEBHOOK, this::verify);
        routes.post(PATH, WEBHOOK, this::events);
    }

    private void verify(Context ctx) {
        String challenge = service.verify(ctx.queryParam("hub.mode"), ctx.queryParam("hub.verify_token"),
                ctx.queryParam("hub.challenge")).orElseThrow(() -> new ApiException(403, "forbidden", "Verification failed"));
        ctx.status(200).contentType("text/plain; charset=utf-8").result(challenge);
    }

    private void events(Context ctx) {
        service.receive(rawBody(ctx), ctx.header(MetaSignature.HEADER), clientIp.of(ctx));
        ctx.status(200).contentType("text/plain; charset=utf-8").result("EVENT_RECEIVED");
    }

    /** The bytes exactly as sent: the signature covers them, never a re-serialisation. */
    private static byte[] rawBody(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiException(413, "payload_too_large", "Request body too large");
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(400, "malformed_json", "The request body could not be read");
        }
    }
}
