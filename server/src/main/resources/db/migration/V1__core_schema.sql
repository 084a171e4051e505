-- Times are epoch microseconds (INTEGER); the wire format is derived from them.

CREATE TABLE tenants (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    disabled    INTEGER NOT NULL DEFAULT 0,
    settings    TEXT    NOT NULL DEFAULT '{}',
    last_seq    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);

-- Site keys, phone numbers and page ids: each belongs to at most one tenant.
CREATE TABLE channel_identities (
    kind        TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (kind, value)
);
CREATE INDEX channel_identities_tenant ON channel_identities(tenant_id, kind);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    tenant_id           INTEGER NOT NULL REFERENCES tenants(id),
    email               TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    name                TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,
    role                TEXT    NOT NULL,
    active              INTEGER NOT NULL DEFAULT 1,
    tokens_valid_after  INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    last_login_at       INTEGER
);
CREATE INDEX users_tenant ON users(tenant_id, id);

CREATE TABLE revoked_tokens (
    jti         TEXT    PRIMARY KEY,
    expires_at  INTEGER NOT NULL
);

CREATE TABLE conversations (
    id                      INTEGER PRIMARY KEY,
    public_id               TEXT    NOT NULL UNIQUE,
    tenant_id               INTEGER NOT NULL REFERENCES tenants(id),
    channel                 TEXT    NOT NULL,
    external_id             TEXT    NOT NULL,
    status                  TEXT    NOT NULL CHECK (status IN ('open', 'escalated', 'closed')),
    assigned_user_id        INTEGER REFERENCES users(id),
    patience_sent           INTEGER NOT NULL DEFAULT 0,
    escalation_active       INTEGER NOT NULL DEFAULT 1,
    escalated_at            INTEGER,
    period_started_at       INTEGER NOT NULL,
    period_first_contact_at INTEGER,
    waiting_since           INTEGER,
    first_user_message_at   INTEGER,
    first_staff_reply_at    INTEGER,
    last_activity_message_at INTEGER,
    message_count           INTEGER NOT NULL DEFAULT 0,
    last_message_id         INTEGER,
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL,
    closed_at               INTEGER,
    UNIQUE (tenant_id, channel, external_id)
);
CREATE INDEX conversations_tenant_updated ON conversations(tenant_id, updated_at DESC, id DESC);
CREATE INDEX conversations_tenant_status_updated ON conversations(tenant_id, status, updated_at DESC, id DESC);
CREATE INDEX conversations_tenant_assignee ON conversations(tenant_id, assigned_user_id, updated_at DESC);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    tenant_id       INTEGER NOT NULL REFERENCES tenants(id),
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    sender          TEXT    NOT NULL CHECK (sender IN ('user', 'staff', 'system')),
    staff_id        INTEGER REFERENCES users(id),
    author_key      TEXT    NOT NULL,
    client_id       TEXT,
    text            TEXT    NOT NULL,
    provider_id     TEXT,
    delivery_status TEXT,
    delivery_error_code    TEXT,
    delivery_error_message TEXT,
    delivery_updated_at    INTEGER,
    created_at      INTEGER NOT NULL,
    UNIQUE (tenant_id, seq)
);
CREATE INDEX messages_conversation_seq ON messages(conversation_id, seq);
CREATE UNIQUE INDEX messages_idempotency ON messages(conversation_id, author_key, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_provider_id ON messages(tenant_id, provider_id) WHERE provider_id IS NOT NULL;

-- Per-user read markers for unread counts.
CREATE TABLE read_markers (
    user_id         INTEGER NOT NULL REFERENCES users(id),
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);

CREATE TABLE visitors (
    id              TEXT    PRIMARY KEY,
    tenant_id       INTEGER NOT NULL REFERENCES tenants(id),
    secret_hash     TEXT    NOT NULL,
    created_at      INTEGER NOT NULL
);

CREATE TABLE followups (
    id              INTEGER PRIMARY KEY,
    tenant_id       INTEGER NOT NULL REFERENCES tenants(id),
    conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    channel         TEXT    NOT NULL,
    external_id     TEXT    NOT NULL,
    name            TEXT,
    email           TEXT,
    phone           TEXT,
    message         TEXT,
    viewed          INTEGER NOT NULL DEFAULT 0,
    viewed_at       INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE INDEX followups_tenant_created ON followups(tenant_id, created_at DESC);
CREATE INDEX followups_conversation ON followups(conversation_id, created_at DESC);

-- Archived followups: the legacy "history" table.
CREATE TABLE history (
    id              INTEGER PRIMARY KEY,
    tenant_id       INTEGER NOT NULL REFERENCES tenants(id),
    conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    channel         TEXT    NOT NULL,
    external_id     TEXT    NOT NULL,
    name            TEXT,
    email           TEXT,
    phone           TEXT,
    message         TEXT,
    viewed_at       INTEGER,
    created_at      INTEGER NOT NULL,
    archived_at     INTEGER NOT NULL,
    archived_by     INTEGER REFERENCES users(id)
);
CREATE INDEX history_tenant_archived ON history(tenant_id, archived_at DESC);

-- Replayable stream events: every persisted change gets the tenant's next seq.
CREATE TABLE stream_events (
    tenant_id       INTEGER NOT NULL REFERENCES tenants(id),
    seq             INTEGER NOT NULL,
    type            TEXT    NOT NULL,
    audience        TEXT    NOT NULL CHECK (audience IN ('staff', 'admin')),
    conversation_id INTEGER,
    staff_data      TEXT    NOT NULL,
    visitor_data    TEXT,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, seq)
) WITHOUT ROWID;
CREATE INDEX stream_events_conversation ON stream_events(conversation_id, seq) WHERE visitor_data IS NOT NULL;
CREATE INDEX stream_events_created ON stream_events(created_at);

CREATE TABLE audit_events (
    id              INTEGER PRIMARY KEY,
    tenant_id       INTEGER NOT NULL REFERENCES tenants(id),
    type            TEXT    NOT NULL,
    actor_kind      TEXT    NOT NULL,
    actor_id        TEXT,
    actor_name      TEXT,
    target_kind     TEXT,
    target_id       TEXT,
    ip              TEXT,
    details         TEXT    NOT NULL DEFAULT '{}',
    at              INTEGER NOT NULL
);
CREATE INDEX audit_events_tenant_at ON audit_events(tenant_id, at DESC, id DESC);
CREATE INDEX audit_events_tenant_type ON audit_events(tenant_id, type, at DESC);

CREATE TABLE push_tokens (
    token           TEXT    PRIMARY KEY,
    tenant_id       INTEGER NOT NULL REFERENCES tenants(id),
    user_id         INTEGER NOT NULL REFERENCES users(id),
    platform        TEXT    NOT NULL DEFAULT 'expo',
    created_at      INTEGER NOT NULL
);
CREATE INDEX push_tokens_tenant ON push_tokens(tenant_id, user_id);
