package com.omnichat.server.tenants;

import com.omnichat.server.config.TenantDefaults;

/** Turns a tenant as read from the database into its {@link EffectiveSettings}, with the environment's defaults. */
public final class SettingsResolver {
    private final TenantDefaults env;
    private final long defaultTenantId;

    public SettingsResolver(TenantDefaults env, long defaultTenantId) {
        this.env = env;
        this.defaultTenantId = defaultTenantId;
    }

    /** Pure and cheap: call it inside a transaction with the {@link Tenant} that transaction read. */
    public EffectiveSettings resolve(Tenant tenant) {
        return new EffectiveSettings(tenant, env, defaultTenantId > 0 && tenant.id() == defaultTenantId);
    }

    /** The tenant whose settings fall back to the environment's channel credentials; 0 when there is none. */
    public long defaultTenantId() {
        return defaultTenantId;
    }
}
