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
import com.omnichat.server.legacy.LegacyKeepalive;
import com.omnichat.server.legacy.LegacyLimits;
import com.omnichat.server.legacy.LegacyRoutes;
import com.omnichat.server.legacy.LegacySocketRoutes;
import com.omnichat.server.legacy.LegacyVisitors;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.TenantService;
import com.omnichat.server.tenants.TenantStore;
import com.omnichat.server.users.UserStore;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The whole server wired in one place, with plain constructors: Main and the tests build it the same way. */
public final class OmnichatServer implements AutoCloseable {
    private final ServerConfig config;
    private final Database db;
    private final HttpApp http;
    private final TenantService tenantService;
    private final Optional<TenantService.Created> bootstrap;
    private final ConversationService conversations;
    private final ExecutorService socketWork;
    private final LegacyKeepalive legacyKeepalive;

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

        Origins origins = new Origins(config.widgetOrigins(), config.adminOrigins(), config.publicBaseUrl(), tenantService);
        LegacyVisitors legacyVisitors = new LegacyVisitors(tenantService, origins, config.defaultTenantId());
        LegacyLimits legacyLimits = new LegacyLimits();
        LegacyRoutes legacyRoutes = new LegacyRoutes(legacyVisitors, legacyLimits, conversations, reader, staffAuth,
                clientIp, json, config.maxMessageChars());
        Cors cors = new Cors(origins, legacyRoutes::corsTenant);
        this.socketWork = singleThread("legacy-socket-work");
        this.legacyKeepalive = new LegacyKeepalive(hub, authenticator, clock);
        List<RouteModule> modules = List.of(
                new ServiceRoutes(db, config.version(), clock),
                new AuthRoutes(login, staffAuth, db, userStore, clientIp, json),
                new ConversationRoutes(conversations, reader, staffAuth, clientIp, json, config.maxMessageChars()),
                legacyRoutes,
                new LegacySocketRoutes(legacyVisitors, legacyLimits, origins, authenticator, conversations, reader,
                        events, hub, legacyKeepalive, clientIp, json, socketWork, clock));
        this.http = HttpApp.create(json, cors, modules);
    }

    /** Socket work is short database reads; a bounded queue turns overload into refusals instead of memory growth. */
    private static ExecutorService singleThread(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
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

    public TenantService tenants() {
        return tenantService;
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
        socketWork.shutdownNow();
        db.close();
    }
}
