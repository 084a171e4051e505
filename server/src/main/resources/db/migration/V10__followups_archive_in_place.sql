-- A followup keeps its number for life: archiving marks the row instead of moving it to the old "history" table,
-- and AUTOINCREMENT never hands a purged number to a new followup (decision 0018).
CREATE TABLE followups_v10 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
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
    created_at      INTEGER NOT NULL,
    archived_at     INTEGER,
    archived_by     INTEGER REFERENCES users(id)
);

INSERT INTO followups_v10(id, tenant_id, conversation_id, channel, external_id, name, email, phone, message, viewed,
                          viewed_at, created_at)
SELECT id, tenant_id, conversation_id, channel, external_id, name, email, phone, message, viewed, viewed_at, created_at
FROM followups;

INSERT INTO followups_v10(tenant_id, conversation_id, channel, external_id, name, email, phone, message, viewed,
                          viewed_at, created_at, archived_at, archived_by)
SELECT tenant_id, conversation_id, channel, external_id, name, email, phone, message, 1, viewed_at, created_at,
       archived_at, archived_by
FROM history ORDER BY archived_at, id;

DROP TABLE history;
DROP TABLE followups;
ALTER TABLE followups_v10 RENAME TO followups;

CREATE INDEX followups_open ON followups(tenant_id, created_at DESC, id DESC) WHERE archived_at IS NULL;
CREATE INDEX followups_archived ON followups(tenant_id, archived_at DESC, id DESC) WHERE archived_at IS NOT NULL;
CREATE INDEX followups_tenant_created ON followups(tenant_id, created_at, id);
CREATE INDEX followups_conversation ON followups(conversation_id, created_at DESC);

-- History lists and purges go by close time; exports by creation time.
CREATE INDEX conversations_tenant_closed ON conversations(tenant_id, closed_at DESC, id DESC) WHERE status = 'closed';
CREATE INDEX conversations_tenant_created ON conversations(tenant_id, created_at, id);
CREATE INDEX audit_events_tenant_actor ON audit_events(tenant_id, actor_id, at DESC);
