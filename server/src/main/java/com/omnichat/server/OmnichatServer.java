package com.omnichat.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.server.adminapp.AdminAppFiles;
import com.omnichat.server.adminapp.AdminAppRoutes;
import com.omnichat.server.adminapp.BundledAdminApp;
import com.omnichat.server.adminapp.DirectoryAdminApp;
import com.omnichat.server.analytics.AnalyticsRecorder;
import com.omnichat.server.analytics.AnalyticsRoutes;
import com.omnichat.server.analytics.AnalyticsService;
import com.omnichat.server.analytics.AnalyticsStore;
import com.omnichat.server.auth.AuthRoutes;
import com.omnichat.server.auth.Authenticator;
import com.omnichat.server.auth.LoginService;
import com.omnichat.server.auth.PasswordPolicy;
import com.omnichat.server.auth.TokenService;
import com.omnichat.server.channels.delivery.ChannelAccounts;
import com.omnichat.server.channels.delivery.DeliveryOutbox;
import com.omnichat.server.channels.delivery.DeliveryService;
import com.omnichat.server.channels.delivery.DeliveryWorker;
import com.omnichat.server.channels.delivery.OutboxStore;
import com.omnichat.server.channels.delivery.SettingsChannelAccounts;
import com.omnichat.server.channels.messenger.MessengerRoutes;
import com.omnichat.server.channels.messenger.MessengerSender;
import com.omnichat.server.channels.messenger.MessengerWebhookService;
import com.omnichat.server.channels.twilio.TwilioAlertSender;
import com.omnichat.server.channels.twilio.TwilioRoutes;
import com.omnichat.server.channels.twilio.TwilioSender;
import com.omnichat.server.channels.twilio.TwilioWebhookService;
import com.omnichat.server.channels.webchat.VisitorAuth;
import com.omnichat.server.channels.webchat.WidgetAssetRoutes;
import com.omnichat.server.channels.webchat.VisitorStore;
import com.omnichat.server.channels.webchat.WidgetRoutes;
import com.omnichat.server.channels.webchat.WidgetService;
import com.omnichat.server.config.ConfigException;
import com.omnichat.server.config.DevelopmentSecret;
import com.omnichat.server.config.ServerConfig;
import com.omnichat.server.conversations.ConversationReader;
import com.omnichat.server.conversations.ConversationRoutes;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.conversations.ConversationViews;
import com.omnichat.server.conversations.MessageStore;
import com.omnichat.server.audit.AuditReader;
import com.omnichat.server.audit.AuditRoutes;
import com.omnichat.server.conversations.ClosedConversationStore;
import com.omnichat.server.errors.FieldError;
import com.omnichat.server.exports.ExportRoutes;
import com.omnichat.server.exports.ExportService;
import com.omnichat.server.followups.FollowupRoutes;
import com.omnichat.server.followups.FollowupService;
import com.omnichat.server.history.HistoryRoutes;
import com.omnichat.server.history.HistoryService;
import com.omnichat.server.followups.FollowupStore;
import com.omnichat.server.http.ApiDocsRoutes;
import com.omnichat.server.http.ClientIp;
import com.omnichat.server.http.ForwardedScheme;
import com.omnichat.server.http.Cors;
import com.omnichat.server.http.HttpApp;
import com.omnichat.server.http.OpenApiDocument;
import com.omnichat.server.http.MetricsAccess;
import com.omnichat.server.http.OperationsRoutes;
import com.omnichat.server.http.Origins;
import com.omnichat.server.http.RouteModule;
import com.omnichat.server.http.RouteTable;
import com.omnichat.server.http.ServiceRoutes;
import com.omnichat.server.http.StaffAuth;
import com.omnichat.server.legacy.LegacyKeepalive;
import com.omnichat.server.legacy.LegacyRoutes;
import com.omnichat.server.legacy.LegacySocketRoutes;
import com.omnichat.server.legacy.LegacyVisitors;
import com.omnichat.server.lifecycle.AlertSender;
import com.omnichat.server.lifecycle.AutoCloseJob;
import com.omnichat.server.lifecycle.EscalationJob;
import com.omnichat.server.lifecycle.LifecycleJobs;
import com.omnichat.server.limits.VisitorLimits;
import com.omnichat.server.limits.WebhookLimits;
import com.omnichat.server.metrics.RetentionReport;
import com.omnichat.server.metrics.RuntimeBinders;
import com.omnichat.server.metrics.ServerMetrics;
import com.omnichat.server.push.ExpoPushSender;
import com.omnichat.server.push.PushNotifier;
import com.omnichat.server.push.PushRoutes;
import com.omnichat.server.push.PushTokenService;
import com.omnichat.server.push.PushTokenStore;
import com.omnichat.server.realtime.CloseCodes;
import com.omnichat.server.realtime.EventLog;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.realtime.StreamKeepalive;
import com.omnichat.server.realtime.StreamReplayer;
import com.omnichat.server.realtime.StreamRetention;
import com.omnichat.server.realtime.StreamRoutes;
import com.omnichat.server.realtime.TypingRelay;
import com.omnichat.server.realtime.TypingThrottle;
import com.omnichat.server.storage.DataDirectoryLock;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.PlatformRoutes;
import com.omnichat.server.tenants.SettingsRoutes;
import com.omnichat.server.tenants.SettingsService;
import com.omnichat.server.tenants.TenantService;
import com.omnichat.server.tenants.WidgetOriginClaims;
import com.omnichat.server.users.ProfileRoutes;
import com.omnichat.server.users.UserRoutes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
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
    private static final Logger LOG = LoggerFactory.getLogger(OmnichatServer.class);
    private static final int PUSH_QUEUE_CAPACITY = 10_000;
    /** The longest each waiting step of {@link #close()} may take; together well under the 10 s an orchestrator gives. */
    private static final Duration SHUTDOWN_STEPS = Duration.ofSeconds(3);
    private final ServerConfig config;
    private final DataDirectoryLock dataDirectoryLock;
    private final Services services;
    private final HttpApp http;
    private final Optional<TenantService.Created> bootstrap;
    private final ConversationService conversations;
    private final SettingsService settings;
    private final ExecutorService streamWork = Executors.newFixedThreadPool(8, daemon("omnichat-stream"));
    /**
     * Legacy socket work (sign-in, snapshot) and typing lookups run in arrival order on one thread, so a typing
     * start never overtakes the stop that followed it, nor a socket's first frame its authentication.
     */
    private final ExecutorService orderedSocketWork = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), daemon("omnichat-socket-work"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("omnichat-timer"));
    private final LegacyKeepalive legacyKeepalive;
    private final PushNotifier pushes;
    private final DeliveryWorker deliveryWorker;
    private final AlertSender alertSender;
    private final LifecycleJobs lifecycle;
    private final ServerMetrics metrics;
    private final RuntimeBinders runtimeBinders;
    private final StreamRetention streamRetention;
    private final RetentionReport retentionReport;

    public OmnichatServer(ServerConfig config) {
        this(config, Clock.systemUTC());
    }

    public OmnichatServer(ServerConfig config, Clock clock) {
        requireAcceptableAdminPassword(config);
        this.config = config;
        this.dataDirectoryLock = DataDirectoryLock.acquire(config.dataDir());
        try {
            this.services = Services.open(config, clock);
        } catch (RuntimeException e) {
            dataDirectoryLock.close();
            throw e;
        }
        Database db = services.db();
        ObjectMapper json = services.json();
        Hub hub = services.hub();
        TenantService tenants = services.tenants();
        this.metrics = new ServerMetrics(config.version(), config.observability().nodeId());
        this.runtimeBinders = new RuntimeBinders(metrics.registry());
        db.writer().onCommittedBatch(metrics::writerBatch);
        metrics.streamConnections(ServerMetrics.StreamKind.STAFF_STREAM, hub::staffStreamCount);
        metrics.streamConnections(ServerMetrics.StreamKind.VISITOR_STREAM, hub::visitorStreamCount);
        metrics.streamConnections(ServerMetrics.StreamKind.ADMIN_WS, hub::legacyStaffCount);
        metrics.streamConnections(ServerMetrics.StreamKind.VISITOR_WS, hub::legacyVisitorCount);
        this.bootstrap = tenants.bootstrap(config.defaultTenantId(), config.adminEmail(), config.adminPassword());

        String secret = config.jwtSecret().orElseGet(() -> DevelopmentSecret.loadOrCreate(config.dataDir()));
        TokenService tokens = new TokenService(secret, config.tokenTtl(), clock);
        Authenticator authenticator = new Authenticator(tokens, db, services.userStore(), services.tenantStore());
        StaffAuth staffAuth = new StaffAuth(authenticator);
        ClientIp clientIp = new ClientIp(config.trustedProxies());
        LoginService login = new LoginService(db, services.userStore(), services.tenantStore(), services.hasher(), tokens,
                services.loginThrottle(), services.audit(), clock, metrics);

        ConversationStore conversationStore = new ConversationStore(new AnalyticsRecorder());
        MessageStore messageStore = new MessageStore();
        EventLog events = new EventLog(json, hub, messageStore);
        ConversationViews views = new ConversationViews(hub);
        PushTokenStore pushTokens = new PushTokenStore();
        this.pushes = new PushNotifier(db, pushTokens,
                new ExpoPushSender(java.net.URI.create(config.providers().expoPushUrl()),
                        config.providers().expoAccessToken(), json), clock, PUSH_QUEUE_CAPACITY);
        this.settings = new SettingsService(db, services.tenantStore(), services.settingsResolver(), events,
                services.audit(), services.random(), new WidgetOriginClaims(services.tenantStore(),
                        config.widgetOrigins(), config.publicBaseUrl(), config.defaultTenantId()),
                config.publicBaseUrl(), clock);
        ChannelAccounts channelAccounts = new SettingsChannelAccounts(settings, services.settingsResolver(), db,
                services.tenantStore());
        OutboxStore outboxStore = new OutboxStore();
        DeliveryService deliveries = new DeliveryService(db, outboxStore, services.tenantStore(), events, hub, json, clock,
                metrics);
        metrics.outboxPending(deliveries::pendingByChannel);
        HttpClient providerHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.deliveryWorker = new DeliveryWorker(deliveries, List.of(
                new TwilioSender(channelAccounts, config.providers().twilioApiBaseUrl(), config.publicBaseUrl(), json, providerHttp),
                new MessengerSender(channelAccounts, deliveries, config.providers().fbGraphBaseUrl(), config.providers().fbGraphVersion(), json,
                        providerHttp, clock)));
        DeliveryOutbox outbox = new DeliveryOutbox(outboxStore, deliveryWorker::wake, clock);
        this.alertSender = new TwilioAlertSender(channelAccounts, outbox);
        this.conversations = new ConversationService(db, services.tenantStore(), conversationStore, messageStore,
                events, hub, services.audit(), views, json, services.random(), outbox, clock, pushes, metrics);
        ConversationReader reader = new ConversationReader(db, conversationStore, messageStore, services.tenantStore(),
                views);

        WidgetService widget = new WidgetService(db, new VisitorStore(), conversationStore, messageStore, events,
                services.random(), clock);
        VisitorAuth visitorAuth = new VisitorAuth(widget);
        VisitorLimits visitorLimits = new VisitorLimits(config.visitorLimits(), metrics);
        WebhookLimits webhookLimits = new WebhookLimits();
        TypingRelay typing = new TypingRelay(hub, events, conversations, new TypingThrottle(clock), json,
                orderedSocketWork, clock);

        Origins origins = new Origins(config.widgetOrigins(), config.adminOrigins(), config.publicBaseUrl(), tenants);
        LegacyVisitors legacyVisitors = new LegacyVisitors(tenants, origins, config.defaultTenantId());
        FollowupStore followupStore = new FollowupStore();
        FollowupService followups = new FollowupService(db, services.tenantStore(), followupStore, conversations,
                events, services.audit(), clock);
        HistoryService history = new HistoryService(db, services.tenantStore(), followupStore, conversationStore,
                new ClosedConversationStore(), views, events, services.audit(),
                services.settingsResolver(), clock, metrics);
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
        this.streamRetention = new StreamRetention(db, events, Duration.ofDays(config.streamRetentionDays()), clock,
                metrics);
        streamRetention.schedule(scheduler);
        this.retentionReport = new RetentionReport(metrics, config.streamRetentionDays(),
                config.tenantDefaults().historyRetentionDays());
        retentionReport.schedule(scheduler);
        this.lifecycle = new LifecycleJobs(
                new EscalationJob(db, services.tenantStore(), services.settingsResolver(), conversationStore,
                        conversations, services.audit(), alertSender, clock),
                new AutoCloseJob(db, services.tenantStore(), services.settingsResolver(), conversationStore,
                        conversations, services.audit(), clock));
        lifecycle.schedule(scheduler);
        List<RouteModule> modules = List.of(
                new ServiceRoutes(db, config.version(), clock),
                new OperationsRoutes(metrics, new MetricsAccess(config.observability().metricsToken()), db,
                        config.version()),
                new ApiDocsRoutes(OpenApiDocument.assemble(json, config.version()), json),
                new AuthRoutes(login, staffAuth, db, services.userStore(), clientIp, json),
                new ProfileRoutes(services.users(), staffAuth, clientIp, json),
                new UserRoutes(services.users(), staffAuth, clientIp, json),
                new SettingsRoutes(settings, staffAuth, clientIp, json),
                new ConversationRoutes(conversations, reader, staffAuth, clientIp, json, config.maxMessageChars()),
                new PlatformRoutes(tenants, config.platformToken(), json),
                new AnalyticsRoutes(new AnalyticsService(db, services.tenantStore(), services.settingsResolver(),
                        new AnalyticsStore(), clock), staffAuth),
                new WidgetRoutes(widget, conversations, tenants, origins, visitorAuth, followups, hub, visitorLimits, clientIp,
                        json, config.maxMessageChars(), clock),
                new WidgetAssetRoutes(tenants, config.defaultTenantId()),
                new AdminAppRoutes(config.adminAppDir().<AdminAppFiles>map(DirectoryAdminApp::new)
                        .orElseGet(BundledAdminApp::load)),
                new StreamRoutes(authenticator, widget, tenants, conversations,
                        new StreamReplayer(db, services.tenantStore(), events, hub), hub, events, origins, visitorLimits,
                        typing, clientIp, json, streamWork, scheduler, clock, config.maxMessageChars(), metrics),
                new FollowupRoutes(followups, staffAuth, clientIp),
                new HistoryRoutes(history, staffAuth, clientIp, json),
                new ExportRoutes(new ExportService(db), history, staffAuth, clientIp),
                new AuditRoutes(new AuditReader(db, json), staffAuth),
                new PushRoutes(new PushTokenService(db, pushTokens, clock), staffAuth, json),
                legacyRoutes,
                new TwilioRoutes(new TwilioWebhookService(channelAccounts, conversations, deliveries, db,
                        services.tenantStore(), services.audit(), webhookLimits, config.development(),
                        config.maxMessageChars(), clock, metrics),
                        config.publicBaseUrl(), clientIp, new ForwardedScheme(config.trustedProxies())),
                new MessengerRoutes(new MessengerWebhookService(channelAccounts, conversations, deliveries, db,
                        services.tenantStore(), services.audit(), webhookLimits, json, config.maxMessageChars(), clock,
                        metrics),
                        clientIp),
                new LegacySocketRoutes(legacyVisitors, visitorLimits, origins, authenticator, reader, typing, hub,
                        legacyKeepalive, clientIp, json, orderedSocketWork, clock, metrics));
        this.http = HttpApp.create(json, cors, metrics, modules);
    }

    /**
     * The first admin's password from the environment meets the rule of every other password (§B.3); a weak one stops
     * the start with a message that names the variable, instead of an admin account guarded by "password123".
     */
    private static void requireAcceptableAdminPassword(ServerConfig config) {
        config.adminPassword().ifPresent(password -> {
            FieldError weak = PasswordPolicy.error("OMNICHAT_ADMIN_PASSWORD", password);
            if (weak != null) {
                throw new ConfigException("OMNICHAT_ADMIN_PASSWORD " + weak.message());
            }
        });
    }

    public OmnichatServer start() {
        http.start(config.host(), config.port());
        http.bindJettyMetrics(metrics.registry());
        legacyKeepalive.start();
        deliveryWorker.start();
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

    /** The outbound sender; tests make it run now after moving the clock. */
    public DeliveryWorker deliveryWorker() {
        return deliveryWorker;
    }

    /** Escalation alerts by SMS, through the delivery outbox. */
    public AlertSender alertSender() {
        return alertSender;
    }

    /** Tenant settings resolved with the environment's defaults, and the inbound channel lookups. */
    public SettingsService settings() {
        return settings;
    }

    /** The escalation and auto-close jobs; tests run them now instead of waiting for their timers. */
    public LifecycleJobs lifecycle() {
        return lifecycle;
    }

    /** Stream event pruning and its daily report; tests run them now instead of waiting for their timers. */
    public StreamRetention streamRetention() {
        return streamRetention;
    }

    public RetentionReport retentionReport() {
        return retentionReport;
    }

    public List<RouteTable.Route> routes() {
        return http.routes();
    }

    /** What Javalin serves, read from its router: the route-coverage test compares it with the OpenAPI document. */
    public List<HttpApp.ServedRoute> servedRoutes() {
        return http.served();
    }

    /**
     * Stops in the order that loses nothing acknowledged: no new connections or requests; every socket told 1001 so
     * its client reconnects (to another node, or here after the restart); the requests already inside answered after
     * their commit; the provider send in flight finished and recorded; the writer's queue committed; the database
     * closed. Each wait is bounded ({@link #SHUTDOWN_STEPS}), so a stuck client or provider cannot hold the stop.
     */
    @Override
    public void close() {
        http.stopAccepting();
        deliveryWorker.stopAfterCurrentSend();
        services.hub().closeAll(CloseCodes.GOING_AWAY, "server shutting down");
        try {
            if (!http.awaitRequestsAnswered(SHUTDOWN_STEPS)) {
                LOG.warn("Stopping with requests still running after {} s; they are not acknowledged",
                        SHUTDOWN_STEPS.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop();
        runtimeBinders.close();
        metrics.close();
        deliveryWorker.close();
        legacyKeepalive.close();
        pushes.close();
        scheduler.shutdownNow();
        orderedSocketWork.shutdownNow();
        streamWork.shutdownNow();
        services.close();
        dataDirectoryLock.close();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
