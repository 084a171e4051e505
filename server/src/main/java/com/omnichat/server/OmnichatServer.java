package com.omnichat.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.JsonMapperFactory;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.auth.AuthRoutes;
import com.omnichat.server.auth.Authenticator;
import com.omnichat.server.auth.LoginService;
import com.omnichat.server.auth.LoginThrottle;
import com.omnichat.server.auth.PasswordHasher;
import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.auth.TokenService;
import com.omnichat.server.channels.webchat.VisitorAuth;
import com.omnichat.server.channels.webchat.VisitorRateLimits;
import com.omnichat.server.channels.webchat.VisitorStore;
import com.omnichat.server.channels.webchat.WidgetRoutes;
import com.omnichat.server.channels.webchat.WidgetService;
import com.omnichat.server.config.DevelopmentSecret;
import com.omnichat.server.config.ServerConfig;
import com.omnichat.server.conversations.ConversationReader;
import com.omnichat.server.conversations.ConversationRoutes;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.conversations.ConversationViews;
import com.omnichat.server.conversations.MessageStore;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.Cors;
import com.omnichat.server.http.HttpApp;
import com.omnichat.server.http.Origins;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.ServiceRoutes;
import com.omnichat.server.http.StaffAuth;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.realtime.StreamKeepalive;
import com.omnichat.server.realtime.StreamReplayer;
import com.omnichat.server.realtime.StreamRetention;
import com.omnichat.server.realtime.StreamRoutes;
import com.omnichat.server.realtime.TypingThrottle;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.TenantService;
import com.omnichat.server.tenants.TenantStore;
import com.omnichat.server.users.UserStore;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The whole server wired in one place, with plain constructors: Main and the tests build it the same way. */
public final class OmnichatServer implements AutoCloseable {
    private final ServerConfig config;
    private final Database db;
    private final HttpApp http;
    private final TenantService tenantService;
    private final Optional<TenantService.Created> bootstrap;
    private final ConversationService conversations;
    private final ExecutorService streamWork = Executors.newFixedThreadPool(8, daemon("omnichat-stream"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("omnichat-timer"));

    public OmnichatServer(ServerConfig config) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        ObjectMapper json = JsonMapperFactory.create();
        RandomTokens random = new RandomTokens();
        this.db = Database.open(config.dataDir());

        String secret = config.jwtSecret().orElseGet(() -> DevelopmentSecret.loadOrCreate(config.dataDir()));
        TokenService tokens = new TokenService(secret, config.tokenTtl(), clock);
        PasswordHasher hasher = new PasswordHasher();
        TenantStore tenantStore = new TenantStore(json);
        UserStore userStore = new UserStore();
        AuditLog audit = new AuditLog(json);
        Hub hub = new Hub();
        EventLog events = new EventLog(json, hub);

        this.tenantService = new TenantService(db, tenantStore, userStore, hasher, random, audit, clock);
        this.bootstrap = tenantService.bootstrap(config.defaultTenantId(), config.adminEmail(), config.adminPassword());

        Authenticator authenticator = new Authenticator(tokens, db, userStore, tenantStore);
        StaffAuth staffAuth = new StaffAuth(authenticator);
        ClientIp clientIp = new ClientIp(config.trustProxy());
        LoginService login = new LoginService(db, userStore, hasher, tokens, new LoginThrottle(), audit, clock);

        ConversationStore conversationStore = new ConversationStore();
        MessageStore messageStore = new MessageStore();
        ConversationViews views = new ConversationViews(hub);
        this.conversations = new ConversationService(db, tenantStore, conversationStore, messageStore,
                events, hub, audit, views, json, random, clock);
        ConversationReader reader = new ConversationReader(db, conversationStore, messageStore, tenantStore, views);

        WidgetService widget = new WidgetService(db, new VisitorStore(), conversationStore, messageStore, events, random, clock);
        VisitorAuth visitorAuth = new VisitorAuth(widget);
        VisitorRateLimits visitorLimits = new VisitorRateLimits();

        Origins origins = new Origins(config.widgetOrigins(), config.adminOrigins(), config.publicBaseUrl(), tenantService);
        Cors cors = new Cors(origins, ctx -> {
            String siteKey = ctx.queryParam("site_key");
            if (siteKey != null) {
                return tenantService.bySiteKey(siteKey);
            }
            return visitorAuth.fromHeader(ctx.header("Authorization")).flatMap(v -> tenantService.find(v.tenantId()));
        });
        new StreamKeepalive(hub, events, clock).schedule(scheduler);
        new StreamRetention(db, events, java.time.Duration.ofDays(config.streamRetentionDays()), clock).schedule(scheduler);
        List<RouteModule> modules = List.of(
                new ServiceRoutes(db, config.version(), clock),
                new AuthRoutes(login, staffAuth, db, userStore, clientIp, json),
                new ConversationRoutes(conversations, reader, staffAuth, clientIp, json, config.maxMessageChars()),
                new WidgetRoutes(widget, conversations, tenantService, visitorAuth, hub, visitorLimits, clientIp, json,
                        config.maxMessageChars()),
                new StreamRoutes(authenticator, widget, tenantService, conversations,
                        new StreamReplayer(db, tenantStore, events, hub), hub, events, origins, visitorLimits,
                        new TypingThrottle(clock), json, streamWork, scheduler, clock, config.maxMessageChars()));
        this.http = HttpApp.create(json, cors, modules);
    }

    public OmnichatServer start() {
        http.start(config.host(), config.port());
        return this;
    }

    public int port() {
        return http.port();
    }

    public Optional<TenantService.Created> bootstrap() {
        return bootstrap;
    }

    public ConversationService conversations() {
        return conversations;
    }

    public TenantService tenants() {
        return tenantService;
    }

    public List<RouteTable.Route> routes() {
        return http.routes();
    }

    @Override
    public void close() {
        http.stop();
        scheduler.shutdownNow();
        streamWork.shutdownNow();
        db.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
