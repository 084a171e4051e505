package com.omnichat.server.legacy;

import com.omnichat.server.limits.VisitorLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Channels;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.conversations.Conversation;
import com.omnichat.server.conversations.ConversationReader;
import com.omnichat.server.conversations.ConversationRef;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.followups.Followup;
import com.omnichat.server.followups.FollowupFields;
import com.omnichat.server.followups.FollowupService;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.JsonBody;
import com.omnichat.server.http.PathParams;
import com.omnichat.server.http.RequestContext;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import com.omnichat.server.tenants.Tenant;
import com.omnichat.server.text.ExternalIdRule;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static com.omnichat.server.http.RouteTable.Access.STAFF;
import static com.omnichat.server.http.RouteTable.Access.VISITOR;

/** The legacy REST routes of the widget and the staff apps (PROTOCOL.md §A.5, §A.6, §A.9, §A.10). */
public final class LegacyRoutes implements RouteModule {
    private static final int MAX_ID_CHARS = 128;
    private static final int MAX_BULK = 500;
    private static final int OPEN_LIMIT = 500;
    private static final int CLOSED_LIMIT = 100;
    private static final String TENANT = "omnichat.legacy-tenant";
    private static final Map<String, String> OK = Map.of("status", "ok");

    private final LegacyVisitors visitors;
    private final VisitorLimits limits;
    private final ConversationService conversations;
    private final FollowupService followups;
    private final ConversationReader reader;
    private final StaffAuth auth;
    private final ClientIp clientIp;
    private final ObjectMapper json;
    private final int maxMessageChars;

    public LegacyRoutes(LegacyVisitors visitors, VisitorLimits limits, ConversationService conversations,
                        FollowupService followups, ConversationReader reader, StaffAuth auth, ClientIp clientIp, ObjectMapper json, int maxMessageChars) {
        this.visitors = visitors;
        this.limits = limits;
        this.conversations = conversations;
        this.followups = followups;
        this.reader = reader;
        this.auth = auth;
        this.clientIp = clientIp;
        this.json = json;
        this.maxMessageChars = maxMessageChars;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/webchat", VISITOR, ctx -> ctx.json(OK));
        routes.post("/webchat", VISITOR, this::visitorMessage);
        routes.post("/followup", VISITOR, this::followup);
        routes.get("/admin/api/convos", STAFF, ctx -> rows(ctx, List.of(Conversation.OPEN, Conversation.ESCALATED), OPEN_LIMIT));
        routes.get("/admin/api/escalated", STAFF, ctx -> rows(ctx, List.of(Conversation.ESCALATED), OPEN_LIMIT));
        routes.get("/admin/api/conversations", STAFF, this::conversationsByStatus);
        routes.get("/admin/api/messages/{user_id}/{channel}", STAFF, this::messages);
        routes.post("/admin/api/send", STAFF, this::send);
        routes.post("/handoff/close", STAFF, this::close);
        routes.post("/handoff/close-bulk", STAFF, this::closeBulk);
    }

    /**
     * The tenant whose allowed origins CORS checks. CORS runs before the route, so the tenant of /webchat and
     * /followup is resolved here once and the route reuses it; other visitor paths keep the server-wide check.
     */
    public Optional<Tenant> corsTenant(Context ctx) {
        return ctx.path().equals("/webchat") || ctx.path().equals("/followup") ? tenantOf(ctx) : Optional.empty();
    }

    private Optional<Tenant> tenantOf(Context ctx) {
        Optional<Tenant> cached = ctx.attribute(TENANT);
        if (cached == null) {
            cached = visitors.resolve(visitorRequest(ctx));
            ctx.attribute(TENANT, cached);
        }
        return cached;
    }

    private static LegacyVisitors.Request visitorRequest(Context ctx) {
        return LegacyVisitors.Request.of(ctx.queryParam("site_key"), ctx.header("X-Site-Key"), ctx.header("Origin"),
                ctx.header("Host"));
    }

    private void visitorMessage(Context ctx) {
        Tenant tenant = visitors.admit(tenantOf(ctx), visitorRequest(ctx));
        RequestContext.tenant(ctx, tenant.id());
        JsonBody body = JsonBody.parse(ctx, json);
        String userId = webchatVisitor(body);
        String text = body.requiredText("text", maxMessageChars);
        body.validate();
        limits.message(tenant.id(), userId, clientIp.of(ctx));
        conversations.receiveFromContact(tenant.id(), Channels.WEBCHAT, userId, text, null);
        ctx.json(OK);
    }

    /** The visitor's id from a legacy visitor body: never a server-issued v_ id, and only ever the webchat channel. */
    private static String webchatVisitor(JsonBody body) {
        String userId = externalId(body, "user_id");
        if (userId != null) {
            LegacyVisitors.refuseServerIssued(userId);
        }
        String channel = body.optionalText("channel", MAX_ID_CHARS, false);
        if (channel != null && !channel.isEmpty() && !channel.equals(Channels.WEBCHAT)) {
            body.reject("channel", "value_error", "must be webchat");
        }
        return userId;
    }

    private void followup(Context ctx) {
        Tenant tenant = visitors.admit(tenantOf(ctx), visitorRequest(ctx));
        RequestContext.tenant(ctx, tenant.id());
        JsonBody body = JsonBody.parse(ctx, json);
        String userId = webchatVisitor(body);
        Followup followup = FollowupFields.read(body, maxMessageChars);
        body.validate();
        FollowupService.requireSomething(followup);
        limits.followup(tenant.id(), userId);
        followups.submit(tenant.id(), Channels.WEBCHAT, userId, followup);
        ctx.json(OK);
    }

    private void rows(Context ctx, List<String> statuses, int limit) {
        Principal staff = auth.require(ctx);
        ctx.json(Map.of("conversations", reader.legacyRows(staff.tenantId(), statuses, limit)));
    }

    private void conversationsByStatus(Context ctx) {
        auth.require(ctx);
        String status = ctx.queryParam("status");
        if (status == null || status.isEmpty() || status.equals(Conversation.OPEN)) {
            rows(ctx, List.of(Conversation.OPEN), OPEN_LIMIT);
        } else if (status.equals(Conversation.ESCALATED)) {
            rows(ctx, List.of(Conversation.ESCALATED), OPEN_LIMIT);
        } else if (status.equals(Conversation.CLOSED)) {
            rows(ctx, List.of(Conversation.CLOSED), CLOSED_LIMIT);
        } else {
            throw ApiException.invalid(new FieldError("query", "status", "value_error",
                    "must be open, escalated or closed"));
        }
    }

    /** Decoded by hand: a '+' in a phone number is a '+', however the client encoded it (PROTOCOL.md §A.1). */
    private void messages(Context ctx) {
        Principal staff = auth.require(ctx);
        List<String> segments = PathParams.segmentsAfter(ctx, "/admin/api/messages");
        ConversationReader.LegacyMessages found = segments.size() == 2
                ? reader.legacyMessages(staff.tenantId(), segments.get(1), segments.get(0))
                : new ConversationReader.LegacyMessages(List.of(), null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", found.messages());
        body.put("conversation", found.conversation());
        ctx.json(body);
    }

    private void send(Context ctx) {
        Principal staff = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        String userId = externalId(body, "user_id");
        String channel = body.requiredText("channel", MAX_ID_CHARS);
        if (channel != null && !Channels.ALL.contains(channel)) {
            body.reject("channel", "value_error", "must be one of webchat, sms, whatsapp, messenger");
        }
        String text = body.requiredText("text", maxMessageChars);
        body.validate();
        conversations.replyAsStaff(staff, new ConversationRef.ByKey(channel, userId), text, null);
        ctx.json(OK);
    }

    private void close(Context ctx) {
        Principal staff = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        String userId = externalId(body, "user_id");
        String channel = optionalChannel(body);
        body.validate();
        conversations.close(staff, new ConversationRef.ByKey(channel, userId), clientIp.of(ctx));
        ctx.json(Map.of("status", "closed"));
    }

    private void closeBulk(Context ctx) {
        Principal staff = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        JsonNode items = body.node().get("conversations");
        if (items == null || items.isNull()) {
            throw ApiException.invalid(FieldError.missing("body", "conversations"));
        }
        if (!items.isArray()) {
            throw ApiException.invalid(FieldError.body("conversations", "value_error", "Input should be a valid list"));
        }
        if (items.size() > MAX_BULK) {
            throw ApiException.invalid(FieldError.body("conversations", "value_error",
                    "must contain at most " + MAX_BULK + " items"));
        }
        String[] problems = new String[items.size()];
        List<ConversationRef.ByKey> refs = new ArrayList<>();
        List<Integer> refIndexes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode userId = items.get(i).path("user_id");
            JsonNode channel = items.get(i).path("channel");
            if (!userId.isTextual() || userId.asText().isBlank()) {
                problems[i] = "Missing user_id at index " + i;
            } else {
                refs.add(new ConversationRef.ByKey(channel.isTextual() && !channel.asText().isEmpty()
                        ? channel.asText() : Channels.WEBCHAT, userId.asText()));
                refIndexes.add(i);
            }
        }
        List<Optional<Conversation>> closed = conversations.closeAll(staff, List.copyOf(refs), clientIp.of(ctx));
        for (int r = 0; r < refs.size(); r++) {
            if (closed.get(r).isEmpty()) {
                problems[refIndexes.get(r)] = "Conversation not found: " + refs.get(r).externalId()
                        + " (" + refs.get(r).channel() + ")";
            }
        }
        List<String> errors = Arrays.stream(problems).filter(Objects::nonNull).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "ok");
        result.put("closed", closed.stream().filter(Optional::isPresent).count());
        result.put("total", items.size());
        result.put("errors", errors.isEmpty() ? null : errors);
        ctx.json(result);
    }

    private static String externalId(JsonBody body, String field) {
        String id = body.requiredText(field, MAX_ID_CHARS);
        Optional<String> problem = id == null ? Optional.empty() : ExternalIdRule.problem(id);
        if (problem.isPresent()) {
            body.reject(field, "value_error", problem.get());
            return null;
        }
        return id;
    }

    private static String optionalChannel(JsonBody body) {
        String channel = body.optionalText("channel", MAX_ID_CHARS, false);
        if (channel == null || channel.isEmpty()) {
            return Channels.WEBCHAT;
        }
        if (!Channels.ALL.contains(channel)) {
            body.reject("channel", "value_error", "must be one of webchat, sms, whatsapp, messenger");
        }
        return channel;
    }
}
