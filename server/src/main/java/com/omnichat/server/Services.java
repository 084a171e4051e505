package com.omnichat.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnichat.protocol.JsonMapperFactory;
import com.omnichat.server.audit.AuditLog;
import com.omnichat.server.auth.LoginThrottle;
import com.omnichat.server.auth.PasswordHasher;
import com.omnichat.server.auth.RandomTokens;
import com.omnichat.server.config.ServerConfig;
import com.omnichat.server.realtime.Hub;
import com.omnichat.server.secrets.SecretBox;
import com.omnichat.server.secrets.SecretsKey;
import com.omnichat.server.storage.Database;
import com.omnichat.server.tenants.CredentialsAtRest;
import com.omnichat.server.tenants.SettingsResolver;
import com.omnichat.server.tenants.StoredCredentials;
import com.omnichat.server.tenants.TenantService;
import com.omnichat.server.tenants.TenantStore;
import com.omnichat.server.users.UserService;
import com.omnichat.server.users.UserStore;

import java.time.Clock;

/**
 * The database and the services on top of it, without HTTP: the server adds its routes to these, and the operator
 * commands use them directly. Owns the database and closes it.
 */
public record Services(
        ServerConfig config,
        Clock clock,
        ObjectMapper json,
        RandomTokens random,
        Database db,
        PasswordHasher hasher,
        LoginThrottle loginThrottle,
        TenantStore tenantStore,
        UserStore userStore,
        AuditLog audit,
        Hub hub,
        TenantService tenants,
        UserService users,
        SettingsResolver settingsResolver) implements AutoCloseable {

    public static Services open(ServerConfig config) {
        return open(config, Clock.systemUTC());
    }

    /** With the clock every timer and timestamp reads: the system clock in production, a controlled one in tests. */
    public static Services open(ServerConfig config, Clock clock) {
        ObjectMapper json = JsonMapperFactory.create();
        RandomTokens random = new RandomTokens();
        Database db = Database.open(config.dataDir());
        PasswordHasher hasher = new PasswordHasher();
        LoginThrottle loginThrottle = new LoginThrottle();
        TenantStore tenantStore;
        try {
            SecretsKey secretsKey = SecretsKey.load(config.secretsKey(), config.dataDir());
            tenantStore = new TenantStore(json, new StoredCredentials(new SecretBox(secretsKey)));
            db.writer().addBatchHook(tenantStore);
            CredentialsAtRest.check(db, tenantStore, secretsKey);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        UserStore userStore = new UserStore();
        AuditLog audit = new AuditLog(json);
        Hub hub = new Hub();
        TenantService tenants = new TenantService(db, tenantStore, userStore, hasher, random, audit, hub, clock);
        UserService users = new UserService(db, userStore, tenantStore, hasher, loginThrottle, random, audit, hub, clock);
        SettingsResolver settingsResolver = new SettingsResolver(config.tenantDefaults(), config.defaultTenantId());
        return new Services(config, clock, json, random, db, hasher, loginThrottle, tenantStore, userStore, audit, hub, tenants, users,
                settingsResolver);
    }

    @Override
    public void close() {
        db.close();
    }
}
