-- Outbound deliveries through Twilio and the Messenger Send API (PROTOCOL.md §D.2, §D.3). A row is written in the
-- transaction that stores the message (or queues the alert), so nothing is lost between commit and hand-off; the
-- sender works through due rows and records each attempt. One row per part of a split text.
CREATE TABLE delivery_outbox (
    id              INTEGER PRIMARY KEY,
    tenant_id       INTEGER NOT NULL REFERENCES tenants(id),
    message_id      INTEGER REFERENCES messages(id) ON DELETE CASCADE,   -- null for escalation alerts
    part            INTEGER NOT NULL DEFAULT 0,
    channel         TEXT    NOT NULL CHECK (channel IN ('sms', 'whatsapp', 'messenger')),
    recipient       TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'handed_off', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    provider_id     TEXT,
    provider_status TEXT,
    error_code      TEXT,
    error_message   TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX delivery_outbox_due ON delivery_outbox(next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX delivery_outbox_recipient ON delivery_outbox(tenant_id, channel, recipient, id) WHERE state = 'pending';
CREATE INDEX delivery_outbox_message ON delivery_outbox(message_id);
CREATE INDEX delivery_outbox_provider_id ON delivery_outbox(provider_id) WHERE provider_id IS NOT NULL;
