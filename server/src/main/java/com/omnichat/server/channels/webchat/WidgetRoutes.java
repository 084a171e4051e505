package com.omnichat.server.channels.webchat;

import com.omnichat.server.limits.VisitorLimits;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.conversations.ConversationRoutes;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.conversations.ConversationViews;
import com.omnichat.server.conversations.SendResult;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.followups.FollowupFields;
import com.omnichat.server.followups.FollowupService;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.JsonBody;
import com.omnichat.server.http.Origins;
import com.omnichat.server.http.QueryParams;
import com.omnichat.server.http.RequestContext;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.tenants.BusinessHours;
import com.omnichat.server.tenants.Tenant;
import com.omnichat.server.tenants.TenantService;
import com.omnichat.server.text.ExternalIdRule;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static com.omnichat.server.http.RouteTable.Access.VISITOR;

/** The new widget's REST API (PROTOCOL.md §C.6). */
public final class WidgetRoutes implements RouteModule {
    private final WidgetService widget;
    private final ConversationService conversations;
    private final TenantService tenants;
    private final Origins origins;
    private final VisitorAuth visitorAuth;
    private final FollowupService followups;
    private final Hub hub;
    private final VisitorLimits limits;
    private final ClientIp clientIp;
    private final ObjectMapper json;
    private final int maxMessageChars;
    private final Clock clock;

    public WidgetRoutes(WidgetService widget, ConversationService conversations, TenantService tenants,
                        Origins origins, VisitorAuth visitorAuth, FollowupService followups, Hub hub, VisitorLimits limits,
                        ClientIp clientIp, ObjectMapper json,
                        int maxMessageChars, Clock clock) {
        this.widget = widget;
        this.conversations = conversations;
        this.tenants = tenants;
        this.origins = origins;
        this.visitorAuth = visitorAuth;
        this.followups = followups;
        this.hub = hub;
        this.limits = limits;
        this.clientIp = clientIp;
        this.json = json;
        this.maxMessageChars = maxMessageChars;
        this.clock = clock;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/api/v1/widget/config", VISITOR, this::config);
        routes.post("/api/v1/widget/sessions", VISITOR, this::session);
        routes.get("/api/v1/widget/messages", VISITOR, this::history);
        routes.post("/api/v1/widget/messages", VISITOR, this::send);
        routes.post("/api/v1/widget/followups", VISITOR, this::followup);
    }

    /** Unknown site key: 404; a disabled tenant's: 403 (PROTOCOL.md §C.6). */
    private Tenant tenantBySiteKey(String siteKey) {
        Tenant tenant = tenants.bySiteKey(siteKey).orElseThrow(() -> ApiException.notFound("Unknown site key"));
        if (tenant.disabled()) {
            throw new ApiException(403, "forbidden", "This site's chat is disabled");
        }
        return tenant;
    }

    /** The visitor the credentials name; a disabled tenant's visitors get 403 (PROTOCOL.md §C.8). */
    private Visitor visitorOf(Context ctx) {
        Visitor visitor = visitorAuth.require(ctx.header("Authorization"));
        if (tenants.find(visitor.tenantId()).map(Tenant::disabled).orElse(true)) {
            throw new ApiException(403, "forbidden", "This site's chat is disabled");
        }
        RequestContext.tenant(ctx, visitor.tenantId());
        return visitor;
    }

    /**
     * The site key comes in the body, so the CORS filter could not know the tenant and let any tenant's origins pass.
     * Here the Origin must be one the site key's own tenant allows, before anything is created: another tenant's
     * {@code *} opens nothing (PROTOCOL.md §C.6).
     */
    private void requireOriginOf(Context ctx, Tenant tenant) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        Optional<String> allowed = origins.visitorAllowOrigin(origin, ctx.header("Host"), () -> Optional.of(tenant));
        // Replaces what the filter allowed on behalf of every tenant: the refusal is as unreadable as any other.
        ctx.res().setHeader("Access-Control-Allow-Origin", allowed.orElse(null));
        if (allowed.isEmpty()) {
            throw new ApiException(403, "origin_not_allowed", "Origin not allowed");
        }
    }

    private void config(Context ctx) {
        String siteKey = ctx.queryParam("site_key");
        if (siteKey == null || siteKey.isBlank()) {
            throw ApiException.invalid(new com.omnichat.server.errors.FieldError("query", "site_key", "missing", "Field required"));
        }
        Tenant tenant = tenantBySiteKey(siteKey);
        var widgetSettings = tenant.settings().document().path("widget");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", widgetSettings.path("title").asText("Chat with Us"));
        body.put("primary_color", widgetSettings.path("primary_color").asText("#4f46e5"));
        body.put("position", widgetSettings.path("position").asText("right"));
        body.put("online", BusinessHours.of(tenant.settings()).isOpen(clock.instant()) && hub.anyStaffOnline(tenant.id()));
        body.put("offline_form", true);
        body.put("texts", Map.of("offline", tenant.settings().text("offline")));
        ctx.json(body);
    }

    private void session(Context ctx) {
        limits.widgetSession(clientIp.of(ctx));
        JsonBody body = JsonBody.parse(ctx, json);
        String siteKey = body.requiredText("site_key", 64);
        String visitorId = body.optionalText("visitor_id", 64, false);
        if (visitorId != null && !visitorId.isEmpty()) {
            // A look-alike of a real id is a mistake or a probe, never a returning visitor: say so, make nothing.
            ExternalIdRule.problem(visitorId).ifPresent(problem -> body.reject("visitor_id", "value_error", problem));
        }
        String visitorSecret = body.optionalText("visitor_secret", 128, false);
        body.validate();
        Tenant tenant = tenantBySiteKey(siteKey);
        requireOriginOf(ctx, tenant);
        WidgetService.Session session = widget.openSession(tenant, visitorId, visitorSecret);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("visitor_id", session.visitorId());
        reply.put("visitor_secret", session.visitorSecret());
        reply.put("conversation", session.conversation());
        ctx.status(session.created() ? 201 : 200).json(reply);
    }

    private void history(Context ctx) {
        Visitor visitor = visitorOf(ctx);
        Long after = QueryParams.optionalLong(ctx, "after_seq");
        int limit = QueryParams.integer(ctx, "limit", 100, 1, 500);
        WidgetService.History history = widget.history(visitor, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", history.data());
        body.put("conversation", history.conversation());
        body.put("stream_seq", history.streamSeq());
        ctx.json(body);
    }

    private void send(Context ctx) {
        Visitor visitor = visitorOf(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        String clientId = ConversationRoutes.requiredClientId(body);
        String text = body.requiredText("text", maxMessageChars);
        body.validate();
        limits.message(visitor.tenantId(), visitor.id(), clientIp.of(ctx));
        SendResult result = conversations.receiveFromContact(visitor.tenantId(), "webchat", visitor.id(), text, clientId);
        if (result.replay()) {
            ctx.header("Idempotent-Replay", "true");
        }
        ctx.status(result.replay() ? 200 : 201).json(ConversationViews.visitor(result.message()));
    }

    private void followup(Context ctx) {
        Visitor visitor = visitorOf(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        var followup = FollowupFields.read(body, maxMessageChars);
        body.validate();
        FollowupService.requireSomething(followup);
        limits.followup(visitor.tenantId(), visitor.id());
        long id = followups.submit(visitor.tenantId(), "webchat", visitor.id(), followup);
        ctx.status(201).json(Map.of("id", Long.toString(id)));
    }
}
