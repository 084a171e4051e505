package com.omnichat.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.auth.AuthRoutes;
import com.omnichat.server.auth.Authenticator;
import com.omnichat.server.auth.LoginService;
import com.omnichat.server.auth.LoginThrottle;
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
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.PlatformRoutes;
import com.omnichat.server.tenants.TenantService;
import com.omnichat.server.users.ProfileRoutes;
import com.omnichat.server.users.UserRoutes;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The whole server wired in one place, with plain constructors: the CLI and the tests build it the same way. */
public final class OmnichatServer implements AutoCloseable {
    private final ServerConfig config;
    private final Services services;
    private final HttpApp http;
    private final Optional<TenantService.Created> bootstrap;

    public OmnichatServer(ServerConfig config) {
        this.config = config;
        this.services = Services.open(config);
        Database db = services.db();
        ObjectMapper json = services.json();
        Clock clock = services.clock();
        Hub hub = services.hub();
        this.bootstrap = services.tenants().bootstrap(config.defaultTenantId(), config.adminEmail(),
                config.adminPassword());

        String secret = config.jwtSecret().orElseGet(() -> DevelopmentSecret.loadOrCreate(config.dataDir()));
        TokenService tokens = new TokenService(secret, config.tokenTtl(), clock);
        EventLog events = new EventLog(json, hub);
        Authenticator authenticator = new Authenticator(tokens, db, services.userStore(), services.tenantStore());
        StaffAuth staffAuth = new StaffAuth(authenticator);
        ClientIp clientIp = new ClientIp(config.trustProxy());
        LoginService login = new LoginService(db, services.userStore(), services.hasher(), tokens, new LoginThrottle(),
                services.audit(), clock);

        ConversationStore conversationStore = new ConversationStore();
        MessageStore messageStore = new MessageStore();
        ConversationViews views = new ConversationViews(hub);
        ConversationService conversations = new ConversationService(db, services.tenantStore(), conversationStore,
                messageStore, events, hub, services.audit(), views, json, services.random(), clock);
        ConversationReader reader = new ConversationReader(db, conversationStore, messageStore, services.tenantStore(),
                views);

        Origins origins = new Origins(config.widgetOrigins(), config.adminOrigins(), config.publicBaseUrl(),
                services.tenants());
        Cors cors = new Cors(origins, ctx -> Optional.empty());
        List<RouteModule> modules = List.of(
                new ServiceRoutes(db, config.version(), clock),
                new AuthRoutes(login, staffAuth, db, services.userStore(), clientIp, json),
                new ProfileRoutes(services.users(), staffAuth, clientIp, json),
                new UserRoutes(services.users(), staffAuth, clientIp, json),
                new ConversationRoutes(conversations, reader, staffAuth, clientIp, json, config.maxMessageChars()),
                new PlatformRoutes(services.tenants(), config.platformToken(), json));
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

    public Services services() {
        return services;
    }

    public TenantService tenants() {
        return services.tenants();
    }

    public List<RouteTable.Route> routes() {
        return http.routes();
    }

    @Override
    public void close() {
        http.stop();
        services.close();
    }
}
