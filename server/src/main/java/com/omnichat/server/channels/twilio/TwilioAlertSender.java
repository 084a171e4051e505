package com.omnichat.server.channels.twilio;

import com.omnichat.server.channels.delivery.ChannelAccounts;
import com.omnichat.server.channels.delivery.DeliveryOutbox;
import com.omnichat.server.channels.delivery.TwilioAccount;
import com.omnichat.server.lifecycle.AlertSender;
import com.omnichat.server.storage.StorageException;
import com.omnichat.server.storage.WriteContext;

import java.sql.SQLException;

/** Escalation alerts as SMS from the tenant's number, through the same outbox as replies (PROTOCOL.md §D.4). */
public final class TwilioAlertSender implements AlertSender {
    private final ChannelAccounts accounts;
    private final DeliveryOutbox outbox;

    public TwilioAlertSender(ChannelAccounts accounts, DeliveryOutbox outbox) {
        this.accounts = accounts;
        this.outbox = outbox;
    }

    @Override
    public boolean queueAlert(WriteContext tx, long tenantId, String toNumber, String text) {
        if (accounts.twilioFor(tenantId).filter(TwilioAccount::canSend).isEmpty()) {
            return false;
        }
        try {
            outbox.enqueueAlert(tx, tenantId, toNumber, text);
            return true;
        } catch (SQLException e) {
            throw new StorageException("Cannot queue the alert", e);
        }
    }
}
