package com.omnichat.server.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnichat.server.tenants.TenantSettings;
import com.omnichat.server.tenants.TenantStore;

import java.util.Map;

/** Sets a tenant's Twilio or Messenger settings section. */
public final class ChannelSettings {
    private ChannelSettings() {
    }

    public static void set(TestServer server, long tenantId, String section, Map<String, String> values) {
        TenantStore store = server.server().services().tenantStore();
        server.server().services().db().writer().execute(tx -> {
            TenantSettings settings = store.find(tx.connection(), tenantId).orElseThrow().settings();
            ObjectNode document = settings.document();
            ObjectNode node = document.putObject(section);
            values.forEach(node::put);
            store.saveSettings(tx.connection(), tenantId, new TenantSettings(document));
            return null;
        });
    }
}
