package com.omnichat.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Channels;
import com.omnichat.protocol.Timestamps;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.JsonBody;
import com.omnichat.server.http.QueryParams;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.StaffAuth;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.omnichat.server.http.RouteTable.Access.STAFF;

/** The staff conversation API of /api/v1 (PROTOCOL.md §C.3). */
public final class ConversationRoutes implements RouteModule {
    public static final String CLIENT_ID_PATTERN = "[A-Za-z0-9._:-]{1,64}";
    private static final String E164 = "\\+[1-9][0-9]{6,14}";
    private static final String WHATSAPP_PREFIX = "whatsapp:";

    private final ConversationService service;
    private final ConversationReader reader;
    private final StaffAuth auth;
    private final ClientIp clientIp;
    private final ObjectMapper json;
    private final int maxMessageChars;

    public ConversationRoutes(ConversationService service, ConversationReader reader, StaffAuth auth, ClientIp clientIp,
                              ObjectMapper json, int maxMessageChars) {
        this.service = service;
        this.reader = reader;
        this.auth = auth;
        this.clientIp = clientIp;
        this.json = json;
        this.maxMessageChars = maxMessageChars;
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/api/v1/conversations", STAFF, this::list);
        routes.post("/api/v1/conversations", STAFF, this::start);
        routes.post("/api/v1/conversations/close", STAFF, this::closeMany);
        routes.get("/api/v1/conversations/{id}", STAFF, this::get);
        routes.patch("/api/v1/conversations/{id}", STAFF, this::update);
        routes.get("/api/v1/conversations/{id}/messages", STAFF, this::messages);
        routes.post("/api/v1/conversations/{id}/messages", STAFF, this::send);
        routes.post("/api/v1/conversations/{id}/read", STAFF, this::read);
    }

    private void list(Context ctx) {
        Principal staff = auth.require(ctx);
        List<String> statuses = QueryParams.list(ctx, "status",
                Set.of(Conversation.OPEN, Conversation.ESCALATED, Conversation.CLOSED));
        List<String> channels = QueryParams.list(ctx, "channel", Channels.ALL);
        Long assigneeId = null;
        boolean unassigned = false;
        String assignee = ctx.queryParam("assignee");
        if (assignee != null && !assignee.isEmpty()) {
            if (assignee.equals("me")) {
                assigneeId = staff.userId();
            } else if (assignee.equals("none")) {
                unassigned = true;
            } else if (assignee.matches("\\d{1,18}")) {
                assigneeId = Long.parseLong(assignee);
            } else {
                throw ApiException.invalid(new FieldError("query", "assignee", "value_error", "must be me, none or a user id"));
            }
        }
        String q = ctx.queryParam("q");
        if (q != null && q.trim().length() < 2) {
            throw ApiException.invalid(new FieldError("query", "q", "value_error", "must be at least 2 characters"));
        }
        String sort = Optional.ofNullable(ctx.queryParam("sort")).orElse("recent");
        if (!sort.equals("recent") && !sort.equals("waiting")) {
            throw ApiException.invalid(new FieldError("query", "sort", "value_error", "must be recent or waiting"));
        }
        Instant after = QueryParams.optionalInstant(ctx, "updated_after");
        Instant before = QueryParams.optionalInstant(ctx, "updated_before");
        int limit = QueryParams.integer(ctx, "limit", 50, 1, 200);
        String cursor = ctx.queryParam("cursor");
        long[] position = cursor == null || cursor.isEmpty() ? null : Cursors.decode(cursor);
        ConversationReader.Page page = reader.list(staff, new ConversationQuery(staff.tenantId(), statuses, channels,
                assigneeId, unassigned, q == null ? null : q.trim(),
                after == null ? null : Timestamps.toMicros(after), before == null ? null : Timestamps.toMicros(before),
                sort.equals("waiting"), position == null ? null : position[0], position == null ? null : position[1],
                limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.data());
        body.put("next_cursor", page.nextCursor());
        body.put("stream_seq", page.streamSeq());
        ctx.json(body);
    }

    private void get(Context ctx) {
        Principal staff = auth.require(ctx);
        ConversationReader.Single single = reader.get(staff, ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("Conversation not found"));
        Map<String, Object> body = json.convertValue(single.conversation(), LinkedHashMap.class);
        body.put("stream_seq", single.streamSeq());
        ctx.json(body);
    }

    private void update(Context ctx) {
        Principal staff = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        Optional<String> status = Optional.ofNullable(body.optionalText("status", 16, true));
        status.ifPresent(s -> {
            if (!s.equals(Conversation.OPEN) && !s.equals(Conversation.CLOSED)) {
                body.reject("status", "value_error", "must be open or closed");
            }
        });
        Optional<Optional<Long>> assignee = Optional.empty();
        if (body.has("assignee_id")) {
            JsonNode raw = body.node().get("assignee_id");
            if (raw.isNull()) {
                assignee = Optional.of(Optional.empty());
            } else if (raw.isTextual() && raw.asText().matches("\\d{1,18}")) {
                assignee = Optional.of(Optional.of(Long.parseLong(raw.asText())));
            } else if (raw.isIntegralNumber()) {
                assignee = Optional.of(Optional.of(raw.asLong()));
            } else {
                body.reject("assignee_id", "value_error", "must be a user id or null");
            }
        }
        if (status.isEmpty() && assignee.isEmpty() && !body.has("assignee_id")) {
            body.reject("status", "missing", "status or assignee_id is required");
        }
        body.validate();
        Conversation updated = service.update(staff, ctx.pathParam("id"), status, assignee, clientIp.of(ctx));
        ctx.json(reader.view(staff, updated));
    }

    private void closeMany(Context ctx) {
        Principal staff = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        JsonNode ids = body.node().get("ids");
        List<String> publicIds = new ArrayList<>();
        if (ids == null || !ids.isArray()) {
            body.reject("ids", ids == null ? "missing" : "value_error", ids == null ? "Field required" : "must be a list of ids");
        } else if (ids.size() > 500) {
            body.reject("ids", "value_error", "at most 500 ids");
        } else {
            ids.forEach(id -> {
                if (id.isTextual() && id.asText().length() <= 64) {
                    publicIds.add(id.asText());
                } else {
                    body.reject("ids", "value_error", "every id must be a string");
                }
            });
        }
        body.validate();
        List<ConversationRef> refs = publicIds.stream().<ConversationRef>map(ConversationRef.ByPublicId::new).toList();
        List<Optional<Conversation>> outcome = service.closeAll(staff, refs, clientIp.of(ctx));
        List<String> closed = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        for (int i = 0; i < publicIds.size(); i++) {
            (outcome.get(i).isPresent() ? closed : notFound).add(publicIds.get(i));
        }
        ctx.json(Map.of("closed", closed, "not_found", notFound));
    }

    private void messages(Context ctx) {
        Principal staff = auth.require(ctx);
        Long before = QueryParams.optionalLong(ctx, "before_seq");
        Long after = QueryParams.optionalLong(ctx, "after_seq");
        if (before != null && after != null) {
            throw ApiException.invalid(new FieldError("query", "after_seq", "value_error", "use before_seq or after_seq, not both"));
        }
        int limit = QueryParams.integer(ctx, "limit", 100, 1, 500);
        ConversationReader.MessagePage page = reader.messages(staff, ctx.pathParam("id"), before, after, limit)
                .orElseThrow(() -> ApiException.notFound("Conversation not found"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.data());
        body.put("has_more", page.hasMore());
        body.put("stream_seq", page.streamSeq());
        ctx.json(body);
    }

    private void send(Context ctx) {
        Principal staff = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        String clientId = requiredClientId(body);
        String text = body.requiredText("text", maxMessageChars);
        body.validate();
        SendResult result = service.replyAsStaff(staff, new ConversationRef.ByPublicId(ctx.pathParam("id")), text, clientId);
        if (result.replay()) {
            ctx.header("Idempotent-Replay", "true");
        }
        ctx.status(result.replay() ? 200 : 201).json(ConversationViews.staff(result.message()));
    }

    /** Staff start an SMS or WhatsApp conversation; the contact must write first on the other channels (§C.3). */
    private void start(Context ctx) {
        Principal staff = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        String channel = body.requiredText("channel", 16);
        if (channel != null && !channel.equals(Channels.SMS) && !channel.equals(Channels.WHATSAPP)) {
            body.reject("channel", "value_error", "must be sms or whatsapp: on other channels the contact writes first");
        }
        String externalId = body.requiredText("external_id", 64);
        String number = externalId != null && externalId.startsWith(WHATSAPP_PREFIX)
                ? externalId.substring(WHATSAPP_PREFIX.length()) : externalId;
        if (externalId != null && (!number.matches(E164) || externalId.startsWith(WHATSAPP_PREFIX)
                && Channels.SMS.equals(channel))) {
            body.reject("external_id", "value_error", "must be a phone number in E.164 form, e.g. +15551234567");
        }
        String clientId = requiredClientId(body);
        String text = body.requiredText("text", maxMessageChars);
        body.validate();
        // Inbound WhatsApp traffic names the contact "whatsapp:+1555…": an outbound start must land in the same place.
        String contact = channel.equals(Channels.WHATSAPP) ? WHATSAPP_PREFIX + number : number;
        SendResult result = service.startOutbound(staff, channel, contact, text, clientId);
        Conversation conversation = service.find(staff.tenantId(), new ConversationRef.ByKey(channel, contact))
                .orElseThrow();
        if (result.replay()) {
            ctx.header("Idempotent-Replay", "true");
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("conversation", reader.view(staff, conversation));
        response.put("message", ConversationViews.staff(result.message()));
        ctx.status(result.replay() ? 200 : 201).json(response);
    }

    /** client_id is required on every v1 send: 1–64 characters of [A-Za-z0-9._:-]. */
    public static String requiredClientId(JsonBody body) {
        String clientId = body.requiredText("client_id", 64);
        if (clientId != null && !clientId.matches(CLIENT_ID_PATTERN)) {
            body.reject("client_id", "value_error", "must be 1-64 characters of A-Z a-z 0-9 . _ : -");
            return null;
        }
        return clientId;
    }

    private void read(Context ctx) {
        Principal staff = auth.require(ctx);
        JsonBody body = JsonBody.parse(ctx, json);
        Optional<Long> seq = body.optionalLong("seq");
        if (seq.isEmpty() && !body.has("seq")) {
            body.reject("seq", "missing", "Field required");
        } else if (seq.isPresent() && seq.get() < 0) {
            body.reject("seq", "value_error", "must not be negative");
        }
        body.validate();
        service.markRead(staff, ctx.pathParam("id"), seq.orElse(0L));
        ctx.status(204);
    }
}
