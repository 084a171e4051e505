package com.omnichat.server.lifecycle;

import com.omnichat.server.storage.WriteContext;

/** Queues an escalation alert text message to one staff phone number, in the transaction that escalates. */
public interface AlertSender {
    /** Returns false, queueing nothing, when the tenant has no SMS sending configured. */
    boolean queueAlert(WriteContext tx, long tenantId, String toNumber, String text);
}
