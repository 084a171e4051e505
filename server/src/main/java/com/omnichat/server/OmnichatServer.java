package com.omnichat.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.adminapp.AdminAppFiles;
import com.omnichat.server.adminapp.AdminAppRoutes;
import com.omnichat.server.adminapp.BundledAdminApp;
import com.omnichat.server.adminapp.DirectoryAdminApp;
import com.omnichat.server.auth.AuthRoutes;
import com.omnichat.server.auth.Authenticator;
import com.omnichat.server.auth.LoginService;
import com.omnichat.server.auth.LoginThrottle;
import com.omnichat.server.auth.TokenService;
import com.omnichat.server.channels.webchat.VisitorAuth;
import com.omnichat.server.channels.webchat.WidgetAssetRoutes;
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
import com.omnichat.server.followups.FollowupService;
import com.omnichat.server.followups.FollowupStore;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.Cors;
import com.omnichat.server.http.HttpApp;
import com.omnichat.server.http.Origins;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.ServiceRoutes;
import com.omnichat.server.http.StaffAuth;
import com.omnichat.server.legacy.LegacyKeepalive;
import com.omnichat.server.legacy.LegacyRoutes;
import com.omnichat.server.legacy.LegacySocketRoutes;
import com.omnichat.server.legacy.LegacyVisitors;
import com.omnichat.server.limits.VisitorLimits;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.realtime.StreamKeepalive;
import com.omnichat.server.realtime.StreamReplayer;
import com.omnichat.server.realtime.StreamRetention;
import com.omnichat.server.realtime.StreamRoutes;
import com.omnichat.server.realtime.TypingRelay;
import com.omnichat.server.realtime.TypingThrottle;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.PlatformRoutes;
import com.omnichat.server.tenants.TenantService;
import com.omnichat.server.users.ProfileRoutes;
import com.omnichat.server.users.UserRoutes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The whole server wired in one place, with plain constructors: the CLI and the tests build it the same way. */
public final class OmnichatServer implements AutoCloseable {
    private final ServerConfig config;
    private final Services services;
    private final HttpApp http;
    private final Optional<TenantService.Created> bootstrap;
    private final ConversationService conversations;
    private final ExecutorService streamWork = Executors.newFixedThreadPool(8, daemon("omnichat-stream"));
    /**
     * Legacy socket work (sign-in, snapshot) and typing lookups run in arrival order on one thread, so a typing
     * start never overtakes the stop that followed it, nor a socket's first frame its authentication.
     */
    private final ExecutorService orderedSocketWork = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), daemon("omnichat-socket-work"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("omnichat-timer"));
    private final LegacyKeepalive legacyKeepalive;

    public OmnichatServer(ServerConfig config) {
        this(config, Clock.systemUTC());
    }

    public OmnichatServer(ServerConfig config, Clock clock) {
        this.config = config;
        this.services = Services.open(config, clock);
        Database db = services.db();
        ObjectMapper json = services.json();
        Hub hub = services.hub();
        TenantService tenants = services.tenants();
        this.bootstrap = tenants.bootstrap(config.defaultTenantId(), config.adminEmail(), config.adminPassword());

        String secret = config.jwtSecret().orElseGet(() -> DevelopmentSecret.loadOrCreate(config.dataDir()));
        TokenService tokens = new TokenService(secret, config.tokenTtl(), clock);
        Authenticator authenticator = new Authenticator(tokens, db, services.userStore(), services.tenantStore());
        StaffAuth staffAuth = new StaffAuth(authenticator);
        ClientIp clientIp = new ClientIp(config.trustProxy());
        LoginService login = new LoginService(db, services.userStore(), services.tenantStore(), services.hasher(), tokens,
                new LoginThrottle(), services.audit(), clock);

        ConversationStore conversationStore = new ConversationStore();
        MessageStore messageStore = new MessageStore();
        EventLog events = new EventLog(json, hub, messageStore);
        ConversationViews views = new ConversationViews(hub);
        this.conversations = new ConversationService(db, services.tenantStore(), conversationStore, messageStore,
                events, hub, services.audit(), views, json, services.random(), clock);
        ConversationReader reader = new ConversationReader(db, conversationStore, messageStore, services.tenantStore(),
                views);

        WidgetService widget = new WidgetService(db, new VisitorStore(), conversationStore, messageStore, events,
                services.random(), clock);
        VisitorAuth visitorAuth = new VisitorAuth(widget);
        VisitorLimits visitorLimits = new VisitorLimits();
        TypingRelay typing = new TypingRelay(hub, events, conversations, new TypingThrottle(clock), json,
                orderedSocketWork, clock);

        Origins origins = new Origins(config.widgetOrigins(), config.adminOrigins(), config.publicBaseUrl(), tenants);
        LegacyVisitors legacyVisitors = new LegacyVisitors(tenants, origins, config.defaultTenantId());
        FollowupService followups = new FollowupService(db, services.tenantStore(), new FollowupStore(), conversations,
                events, clock);
        LegacyRoutes legacyRoutes = new LegacyRoutes(legacyVisitors, visitorLimits, conversations, followups, reader,
                staffAuth, clientIp, json, config.maxMessageChars());
        this.legacyKeepalive = new LegacyKeepalive(hub, authenticator, clock);
        Cors cors = new Cors(origins, ctx -> legacyRoutes.corsTenant(ctx).or(() -> {
            String siteKey = ctx.queryParam("site_key");
            if (siteKey != null) {
                return tenants.bySiteKey(siteKey);
            }
            return visitorAuth.fromHeader(ctx.header("Authorization")).flatMap(v -> tenants.find(v.tenantId()));
        }));
        new StreamKeepalive(hub, events, clock).schedule(scheduler);
        new StreamRetention(db, events, Duration.ofDays(config.streamRetentionDays()), clock).schedule(scheduler);
        List<RouteModule> modules = List.of(
                new ServiceRoutes(db, config.version(), clock),
                new AuthRoutes(login, staffAuth, db, services.userStore(), clientIp, json),
                new ProfileRoutes(services.users(), staffAuth, clientIp, json),
                new UserRoutes(services.users(), staffAuth, clientIp, json),
                new ConversationRoutes(conversations, reader, staffAuth, clientIp, json, config.maxMessageChars()),
                new PlatformRoutes(tenants, config.platformToken(), json),
                new WidgetRoutes(widget, conversations, tenants, visitorAuth, followups, hub, visitorLimits, clientIp,
                        json, config.maxMessageChars(), clock),
                new WidgetAssetRoutes(tenants, config.defaultTenantId()),
                new AdminAppRoutes(config.adminAppDir().<AdminAppFiles>map(DirectoryAdminApp::new)
                        .orElseGet(BundledAdminApp::load)),
                new StreamRoutes(authenticator, widget, tenants, conversations,
                        new StreamReplayer(db, services.tenantStore(), events, hub), hub, events, origins, visitorLimits,
                        typing, json, streamWork, scheduler, clock, config.maxMessageChars()),
                legacyRoutes,
                new LegacySocketRoutes(legacyVisitors, visitorLimits, origins, authenticator, reader, typing, hub,
                        legacyKeepalive, clientIp, json, orderedSocketWork, clock));
        this.http = HttpApp.create(json, cors, modules);
    }

    public OmnichatServer start() {
        http.start(config.host(), config.port());
        legacyKeepalive.start();
        return this;
    }

    public int port() {
        return http.port();
    }

    public Optional<TenantService.Created> bootstrap() {
        return bootstrap;
    }

    public Services services() {
        return services;
    }

    public TenantService tenants() {
        return services.tenants();
    }

    public ConversationService conversations() {
        return conversations;
    }

    public List<RouteTable.Route> routes() {
        return http.routes();
    }

    @Override
    public void close() {
        http.stop();
        legacyKeepalive.close();
        scheduler.shutdownNow();
        orderedSocketWork.shutdownNow();
        streamWork.shutdownNow();
        services.close();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
