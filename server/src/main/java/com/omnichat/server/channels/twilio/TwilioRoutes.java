package com.omnichat.server.channels.twilio;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.ForwardedScheme;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.omnichat.server.http.RouteTable.Access.WEBHOOK;

/** Twilio's webhooks: inbound messages ({@code POST /sms}) and delivery status callbacks. */
public final class TwilioRoutes implements RouteModule {
    private final TwilioWebhookService service;
    private final Optional<String> publicBaseUrl;
    private final ClientIp clientIp;
    private final ForwardedScheme scheme;

    public TwilioRoutes(TwilioWebhookService service, Optional<String> publicBaseUrl, ClientIp clientIp,
                        ForwardedScheme scheme) {
        this.service = service;
        this.publicBaseUrl = publicBaseUrl;
        this.clientIp = clientIp;
        this.scheme = scheme;
    }

    @Override
    public void register(RouteTable routes) {
        routes.post("/sms", WEBHOOK, this::inbound);
        routes.post("/twilio/status", WEBHOOK, this::status);
    }

    private void inbound(Context ctx) {
        String twiml = service.receive(request(ctx));
        ctx.status(200).contentType("application/xml; charset=utf-8").result(twiml);
    }

    private void status(Context ctx) {
        service.statusCallback(request(ctx));
        ctx.status(204);
    }

    private TwilioWebhookService.Request request(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw new ApiException(415, "unsupported_media_type", "Unsupported media type");
        }
        List<TwilioSignature.Param> params = new ArrayList<>();
        for (Map.Entry<String, List<String>> field : ctx.formParamMap().entrySet()) {
            for (String value : field.getValue()) {
                params.add(new TwilioSignature.Param(field.getKey(), value));
            }
        }
        return new TwilioWebhookService.Request(signedUrl(ctx), params, ctx.header(TwilioSignature.HEADER),
                clientIp.of(ctx));
    }

    /** The URL Twilio was configured with: the public base URL, not what the server sees behind a proxy. */
    private String signedUrl(Context ctx) {
        String base = publicBaseUrl.orElseGet(() -> scheme.of(ctx) + "://" + ctx.host());
        String query = ctx.queryString();
        return base + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
