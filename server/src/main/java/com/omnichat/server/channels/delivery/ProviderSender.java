package com.omnichat.server.channels.delivery;

import java.util.Set;

/** Hands one outbox part to a provider's API. Runs on the delivery thread, outside any transaction. */
public interface ProviderSender {
    Set<String> channels();

    SendOutcome send(OutboxRow row);
}
