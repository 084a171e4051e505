package com.omnichat.server.tenants;

import com.omnichat.server.config.ConfigException;
import com.omnichat.server.secrets.SecretsKey;
import com.omnichat.server.secrets.UnreadableSecretException;
import com.omnichat.server.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;

/**
 * The start-up step of encryption at rest: proves the key opens every stored credential, and seals the ones saved in
 * plain text before this server version. Idempotent: a second start finds nothing to seal.
 */
public final class CredentialsAtRest {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialsAtRest.class);

    private CredentialsAtRest() {
    }

    /** Throws {@link ConfigException} (the server refuses to start) when the key cannot open a stored credential. */
    public static void check(Database db, TenantStore tenants, SecretsKey key) {
        int sealed;
        try {
            sealed = db.writer().execute(tx -> {
                Connection c = tx.connection();
                int count = 0;
                for (Tenant tenant : tenants.all(c)) {
                    if (tenants.hasPlainCredentials(c, tenant.id())) {
                        tenants.saveSettings(c, tenant.id(), tenant.settings());
                        count++;
                    }
                }
                return count;
            });
        } catch (UnreadableSecretException e) {
            if (key.generatedNow()) {
                key.forgetGenerated();
                throw new ConfigException("The channel credentials in the database are encrypted, but "
                        + key.source() + " is missing: restore it from a backup of the data directory, or set "
                        + "OMNICHAT_SECRETS_KEY to the key they were encrypted with (" + e.getMessage() + ")");
            }
            throw new ConfigException("Cannot decrypt the channel credentials in the database with " + key.source()
                    + ": it is not the key they were encrypted with. Restore the right secrets.key or "
                    + "OMNICHAT_SECRETS_KEY (" + e.getMessage() + ")");
        }
        if (sealed > 0) {
            LOG.info("Encrypted the stored channel credentials of {} tenant(s) with {}", sealed, key.source());
        }
    }
}
