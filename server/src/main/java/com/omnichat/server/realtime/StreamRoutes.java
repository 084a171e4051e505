package com.omnichat.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.Channels;
import com.omnichat.protocol.UserRef;
import com.omnichat.server.auth.Authenticator;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.channels.webchat.Visitor;
import com.omnichat.server.limits.OpenConnections;
import com.omnichat.server.limits.VisitorLimits;
import com.omnichat.server.channels.webchat.WidgetService;
import com.omnichat.server.conversations.Conversation;
import com.omnichat.server.conversations.ConversationRef;
import com.omnichat.server.conversations.ConversationRoutes;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.conversations.ConversationViews;
import com.omnichat.server.conversations.SendResult;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.Origins;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.tenants.Tenant;
import com.omnichat.server.tenants.TenantService;
import com.omnichat.server.text.ExternalIdRule;
import com.omnichat.server.text.UnicodeText;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.omnichat.server.http.RouteTable.Access.STAFF;
import static com.omnichat.server.http.RouteTable.Access.VISITOR;

/**
 * The v1 real-time streams (PROTOCOL.md §C.7): staff at /api/v1/stream, visitors at /api/v1/widget/stream. Socket
 * threads only parse frames and queue work; database reads and waits happen on the stream executor.
 */
public final class StreamRoutes implements RouteModule {
    private static final int QUEUE_CAPACITY = 8_192;
    /** Room for a full replay ({@link StreamReplayer#MAX_REPLAY_BYTES}) and the live frames behind it. */
    private static final long QUEUE_BYTES = 2 * StreamReplayer.MAX_REPLAY_BYTES;
    private static final long HELLO_TIMEOUT_SECONDS = 10;
    private static final int MAX_STAFF_SOCKETS = 10;
    private static final int MAX_VISITOR_SOCKETS = 5;

    private final Authenticator authenticator;
    private final WidgetService widget;
    private final TenantService tenants;
    private final ConversationService conversations;
    private final StreamReplayer replayer;
    private final Hub hub;
    private final EventLog events;
    private final Origins origins;
    private final VisitorLimits limits;
    private final TypingRelay typing;
    private final ClientIp clientIp;
    private final ObjectMapper json;
    private final ExecutorService work;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final int maxMessageChars;
    private final ServerMetrics metrics;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final OpenConnections staffPerUser = new OpenConnections(MAX_STAFF_SOCKETS);
    private final OpenConnections visitorPerId = new OpenConnections(MAX_VISITOR_SOCKETS);

    public StreamRoutes(Authenticator authenticator, WidgetService widget, TenantService tenants,
                        ConversationService conversations, StreamReplayer replayer, Hub hub, EventLog events,
                        Origins origins, VisitorLimits limits, TypingRelay typing, ClientIp clientIp, ObjectMapper json,
                        ExecutorService work, ScheduledExecutorService scheduler, Clock clock, int maxMessageChars,
                        ServerMetrics metrics) {
        this.authenticator = authenticator;
        this.widget = widget;
        this.tenants = tenants;
        this.conversations = conversations;
        this.replayer = replayer;
        this.hub = hub;
        this.events = events;
        this.origins = origins;
        this.limits = limits;
        this.typing = typing;
        this.clientIp = clientIp;
        this.json = json;
        this.work = work;
        this.scheduler = scheduler;
        this.clock = clock;
        this.maxMessageChars = maxMessageChars;
        this.metrics = metrics;
    }

    /** Per-socket state between connect and close. */
    private static final class Socket {
        final FrameSender sender;
        final String origin;
        final String host;
        final String upgradeToken;
        volatile boolean helloSeen;
        volatile StreamSession session;
        volatile Principal staff;
        volatile Visitor visitor;
        private final List<Runnable> placesHeld = new ArrayList<>();
        private boolean gone;

        Socket(FrameSender sender, String origin, String host, String upgradeToken) {
            this.sender = sender;
            this.origin = origin;
            this.host = host;
            this.upgradeToken = upgradeToken;
        }

        /**
         * Keeps a place under a cap until the socket closes; a socket that closed meanwhile gives it back at once, so
         * a hello that races the close leaks nothing.
         */
        synchronized void hold(Runnable giveBack) {
            if (gone) {
                giveBack.run();
            } else {
                placesHeld.add(giveBack);
            }
        }

        synchronized void giveBackPlaces() {
            gone = true;
            placesHeld.forEach(Runnable::run);
            placesHeld.clear();
        }
    }

    @Override
    public void register(RouteTable routes) {
        routes.ws("/api/v1/stream", STAFF, ws -> configure(ws, false, this::staffHello, this::staffFrame));
        routes.ws("/api/v1/widget/stream", VISITOR, ws -> configure(ws, true, this::visitorHello, this::visitorFrame));
    }

    private interface FrameHandler {
        void handle(Socket socket, String type, JsonNode data, String ref);
    }

    private void configure(WsConfig ws, boolean visitors, FrameHandler hello, FrameHandler frame) {
        ws.onConnect(ctx -> connect(ctx, visitors));
        ws.onMessage(ctx -> message(ctx, hello, frame));
        ws.onClose(ctx -> closed(ctx));
        ws.onError(ctx -> closed(ctx));
    }

    private void connect(WsConnectContext ctx, boolean visitors) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        Socket socket = new Socket(new FrameSender(ctx.session, QUEUE_CAPACITY, QUEUE_BYTES, CloseCodes.SLOW_CONSUMER,
                () -> metrics.dropped(ServerMetrics.DropReason.SLOW_CONSUMER)),
                ctx.header("Origin"), ctx.header("Host"), token);
        sockets.put(ctx.sessionId(), socket);
        if (visitors) {
            // Counted with /ws/{user_id} per address (PROTOCOL.md §A.11), from the upgrade on: a socket that never
            // says hello holds server resources too.
            String ip = clientIp.of(ctx);
            if (!limits.openSocket(ip)) {
                metrics.dropped(ServerMetrics.DropReason.CAP);
                socket.sender.close(CloseCodes.TOO_MANY, "too many connections");
                return;
            }
            socket.hold(() -> limits.socketClosed(ip));
        }
        ctx.enableAutomaticPings(25, TimeUnit.SECONDS);
        scheduler.schedule(() -> {
            if (!socket.helloSeen) {
                socket.sender.close(CloseCodes.SILENT, "hello expected");
            }
        }, HELLO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private void message(WsMessageContext ctx, FrameHandler hello, FrameHandler frame) {
        Socket socket = sockets.get(ctx.sessionId());
        if (socket == null) {
            return;
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(ctx.message());
        } catch (Exception e) {
            socket.sender.close(CloseCodes.PROTOCOL_ERROR, "frames must be JSON");
            return;
        }
        String type = envelope.path("type").asText("");
        JsonNode data = envelope.path("data");
        String ref = envelope.path("ref").isTextual() ? envelope.path("ref").asText() : null;
        if (!socket.helloSeen) {
            if (!type.equals("hello") || !data.isObject()) {
                socket.sender.close(CloseCodes.PROTOCOL_ERROR, "hello expected");
                return;
            }
            socket.helloSeen = true;
            work.execute(() -> guarded(socket, () -> hello.handle(socket, type, data, ref)));
            return;
        }
        StreamSession session = socket.session;
        if (session != null) {
            session.clientFrameReceived(clock.millis());
        }
        switch (type) {
            case "pong", "hello" -> {
            }
            case "ping" -> socket.sender.send(events.ephemeral("pong", Map.of()));
            default -> {
                if (session != null) {
                    frame.handle(socket, type, data, ref);
                }
            }
        }
    }

    private void guarded(Socket socket, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            socket.sender.close(CloseCodes.INTERNAL, "internal error");
        }
    }

    private void closed(WsContext ctx) {
        Socket socket = sockets.remove(ctx.sessionId());
        if (socket == null) {
            return;
        }
        socket.sender.markClosed();
        socket.giveBackPlaces();
        StreamSession session = socket.session;
        if (session != null) {
            hub.unregister(session);
            if (session.kind() == StreamSession.Kind.STAFF && !hub.staffOnline(session.tenantId()).containsKey(session.userId())) {
                announceStaffPresence(session, false);
            }
        }
    }

    // ---------------------------------------------------------------- staff

    private void staffHello(Socket socket, String type, JsonNode data, String ref) {
        String token = data.path("token").isTextual() ? data.path("token").asText() : socket.upgradeToken;
        Optional<Principal> principal = authenticator.authenticate(token);
        if (principal.isEmpty()) {
            socket.sender.close(token != null && authenticator.hasForeignRole(token)
                    ? CloseCodes.FORBIDDEN : CloseCodes.AUTH_FAILED, "authentication failed");
            return;
        }
        if (!origins.staffAllowed(socket.origin, socket.host)) {
            socket.sender.close(CloseCodes.FORBIDDEN, "origin not allowed");
            return;
        }
        Long since = since(socket, data);
        if (!socket.sender.isOpen()) {
            return;
        }
        Principal staff = principal.get();
        String userKey = Long.toString(staff.userId());
        if (!staffPerUser.tryOpen(userKey)) {
            metrics.dropped(ServerMetrics.DropReason.CAP);
            socket.sender.close(CloseCodes.TOO_MANY, "too many connections");
            return;
        }
        socket.hold(() -> staffPerUser.close(userKey));
        boolean firstOfUser = !hub.staffOnline(staff.tenantId()).containsKey(staff.userId());
        StreamSession session = StreamSession.staff(socket.sender, staff.tenantId(), staff.userId(), staff.name(),
                staff.isAdmin(), clock.millis());
        socket.staff = staff;
        socket.session = session;
        replayer.startStaff(session, since, (head, replayed) -> {
            Map<String, Object> ready = new LinkedHashMap<>();
            ready.put("head_seq", head);
            ready.put("replayed", replayed);
            ready.put("user", Map.of("id", Long.toString(staff.userId()), "name", staff.name(), "role", staff.role().wire()));
            ready.put("staff_online", hub.staffOnline(staff.tenantId()).entrySet().stream()
                    .map(e -> new UserRef(Long.toString(e.getKey()), e.getValue())).toList());
            return events.ephemeral("ready", ready);
        });
        if (firstOfUser) {
            announceStaffPresence(session, true);
        }
    }

    private void announceStaffPresence(StreamSession session, boolean online) {
        hub.toStaffStreams(session.tenantId(), events.ephemeral("presence.staff",
                Map.of("user", new UserRef(Long.toString(session.userId()), session.userName()), "online", online)), session);
    }

    private void staffFrame(Socket socket, String type, JsonNode data, String ref) {
        Principal staff = socket.staff;
        if (staff.tokenExpiresAt() * 1000 < clock.millis()) {
            socket.sender.close(CloseCodes.AUTH_FAILED, "token expired");
            return;
        }
        switch (type) {
            case "message.send" -> {
                String conversationId = data.path("conversation_id").asText(null);
                Map<String, String> problems = sendProblems(data);
                if (conversationId == null || conversationId.isEmpty()) {
                    problems.put("conversation_id", "Field required");
                }
                if (!problems.isEmpty()) {
                    ack(socket, ref, null, validation(problems));
                    return;
                }
                conversations.replyAsStaffAsync(staff, new ConversationRef.ByPublicId(conversationId),
                                data.path("text").asText(), data.path("client_id").asText())
                        .whenComplete((result, failure) -> ack(socket, ref,
                                result == null ? null : ConversationViews.staff(result.message()), failure));
            }
            case "typing" -> typing.fromStaff(staff, new ConversationRef.ByPublicId(data.path("conversation_id").asText("")),
                    !"stop".equals(data.path("state").asText("start")), socket.session);
            default -> socket.sender.send(events.ephemeral("error",
                    Map.of("code", "unknown_type", "message", "Unknown frame type: " + type)));
        }
    }

    // ---------------------------------------------------------------- visitor

    private void visitorHello(Socket socket, String type, JsonNode data, String ref) {
        String visitorId = data.path("visitor_id").asText(null);
        if (visitorId != null && ExternalIdRule.problem(visitorId).isPresent()) {
            socket.sender.close(CloseCodes.POLICY_VIOLATION, "visitor_id is not a valid id");
            return;
        }
        Optional<Visitor> visitor = widget.authenticate(visitorId, data.path("visitor_secret").asText(null));
        if (visitor.isEmpty()) {
            socket.sender.close(CloseCodes.AUTH_FAILED, "authentication failed");
            return;
        }
        Optional<Tenant> tenant = tenants.find(visitor.get().tenantId());
        if (tenant.map(Tenant::disabled).orElse(true)) {
            socket.sender.close(CloseCodes.FORBIDDEN, "site disabled");
            return;
        }
        if (!origins.visitorAllowed(socket.origin, socket.host, tenant)) {
            socket.sender.close(CloseCodes.FORBIDDEN, "origin not allowed");
            return;
        }
        Long since = since(socket, data);
        if (!socket.sender.isOpen()) {
            return;
        }
        Visitor v = visitor.get();
        String visitorKey = v.tenantId() + "\u0000" + v.id();
        if (!visitorPerId.tryOpen(visitorKey)) {
            metrics.dropped(ServerMetrics.DropReason.CAP);
            socket.sender.close(CloseCodes.TOO_MANY, "too many connections");
            return;
        }
        socket.hold(() -> visitorPerId.close(visitorKey));
        Optional<Conversation> conversation = widget.conversationRow(v);
        StreamSession session = StreamSession.visitor(socket.sender, v.tenantId(), v.id(), clock.millis());
        socket.visitor = v;
        socket.session = session;
        replayer.startVisitor(session, conversation.map(Conversation::id).orElse(null), since, (head, replayed) -> {
            Map<String, Object> ready = new LinkedHashMap<>();
            ready.put("replayed", replayed);
            ready.put("conversation", conversation.map(ConversationViews::visitor).orElse(null));
            ready.put("staff_online", hub.anyStaffOnline(v.tenantId()));
            return events.ephemeral("ready", ready);
        });
    }

    private void visitorFrame(Socket socket, String type, JsonNode data, String ref) {
        Visitor visitor = socket.visitor;
        switch (type) {
            case "message.send" -> {
                Map<String, String> problems = sendProblems(data);
                if (!problems.isEmpty()) {
                    ack(socket, ref, null, validation(problems));
                    return;
                }
                try {
                    limits.message(visitor.tenantId(), visitor.id(), "socket:" + visitor.id());
                } catch (ApiException limited) {
                    ack(socket, ref, null, limited);
                    return;
                }
                CompletableFuture<SendResult> sent = conversations.receiveFromContactAsync(visitor.tenantId(),
                        Channels.WEBCHAT, visitor.id(), data.path("text").asText(), data.path("client_id").asText());
                sent.whenComplete((result, failure) -> ack(socket, ref,
                        result == null ? null : ConversationViews.visitor(result.message()), failure));
            }
            case "typing" -> typing.fromVisitor(visitor.tenantId(), visitor.id(),
                    !"stop".equals(data.path("state").asText("start")));
            default -> socket.sender.send(events.ephemeral("error",
                    Map.of("code", "unknown_type", "message", "Unknown frame type: " + type)));
        }
    }

    // ---------------------------------------------------------------- shared

    /** since: absent or null means no replay; a non-negative integer means everything after it; else the socket closes. */
    private Long since(Socket socket, JsonNode data) {
        JsonNode since = data.get("since");
        if (since == null || since.isNull()) {
            return null;
        }
        if (!since.isIntegralNumber() || since.asLong() < 0) {
            socket.sender.close(CloseCodes.PROTOCOL_ERROR, "since must be a non-negative integer");
            return null;
        }
        return since.asLong();
    }

    private Map<String, String> sendProblems(JsonNode data) {
        Map<String, String> problems = new LinkedHashMap<>();
        JsonNode clientId = data.get("client_id");
        if (clientId == null || !clientId.isTextual() || !clientId.asText().matches(ConversationRoutes.CLIENT_ID_PATTERN)) {
            problems.put("client_id", "must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        JsonNode text = data.get("text");
        if (text == null || !text.isTextual()) {
            problems.put("text", "Field required");
        } else {
            UnicodeText.check(text.asText(), maxMessageChars, true).ifPresent(p -> problems.put("text", p.message()));
        }
        return problems;
    }

    private static ApiException validation(Map<String, String> problems) {
        List<com.omnichat.server.errors.FieldError> errors = problems.entrySet().stream()
                .map(e -> com.omnichat.server.errors.FieldError.body(e.getKey(), "value_error", e.getValue())).toList();
        return ApiException.invalid(errors);
    }

    private void ack(Socket socket, String ref, Object result, Throwable failure) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ref", ref);
        if (failure == null) {
            data.put("ok", true);
            data.put("result", result);
        } else {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            ApiException error = cause instanceof ApiException api ? api
                    : new ApiException(500, "internal", "Internal server error");
            Map<String, Object> details = new LinkedHashMap<>(error.details());
            if (!error.fieldErrors().isEmpty()) {
                Map<String, String> fields = new LinkedHashMap<>();
                error.fieldErrors().forEach(f -> fields.putIfAbsent(f.field(), f.message()));
                details.put("fields", fields);
            }
            data.put("ok", false);
            data.put("error", Map.of("code", error.code(), "message", error.getMessage(), "details", details));
        }
        socket.sender.send(events.ephemeral("ack", data));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
