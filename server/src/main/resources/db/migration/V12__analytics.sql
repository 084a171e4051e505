-- Analytics facts (PROTOCOL.md §C.5, decision 0021), written by the single writer in the transaction of the change
-- they describe, so a report reads these small tables instead of scanning messages.

-- Counts per 15-minute UTC slot (slot = its start, epoch microseconds). Every timezone offset in use is a multiple of
-- 15 minutes, so a slot lies wholly inside one local hour and one local day of any tenant timezone: reports regroup
-- slots by the tenant's current timezone when they are read.
CREATE TABLE analytics_counts (
    tenant_id        INTEGER NOT NULL,
    slot             INTEGER NOT NULL,
    channel          TEXT    NOT NULL,
    started          INTEGER NOT NULL DEFAULT 0,
    reopened         INTEGER NOT NULL DEFAULT 0,
    closed           INTEGER NOT NULL DEFAULT 0,
    auto_closed      INTEGER NOT NULL DEFAULT 0,
    escalated        INTEGER NOT NULL DEFAULT 0,
    user_messages    INTEGER NOT NULL DEFAULT 0,
    staff_messages   INTEGER NOT NULL DEFAULT 0,
    system_messages  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, slot, channel)
) WITHOUT ROWID;

-- At most one fact of each kind per open period (a period is named by its conversation and start): first response,
-- resolution, escalation. The primary key makes recording idempotent. No foreign key: facts outlive purged
-- conversations, the report of last year does not change when old conversations are deleted.
CREATE TABLE analytics_period_facts (
    conversation_id   INTEGER NOT NULL,
    period_started_at INTEGER NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('first_response', 'resolution', 'escalated')),
    tenant_id         INTEGER NOT NULL,
    channel           TEXT    NOT NULL,
    at                INTEGER NOT NULL,
    user_id           INTEGER,
    duration_micros   INTEGER,
    PRIMARY KEY (conversation_id, period_started_at, kind)
);
-- Covering: a report reads one contiguous stretch per kind and never visits the table.
CREATE INDEX analytics_period_facts_report
    ON analytics_period_facts(tenant_id, kind, at, channel, user_id, duration_micros);

-- Staff messages per 15-minute slot, staff member and conversation: replies and distinct conversations handled.
CREATE TABLE analytics_staff_activity (
    tenant_id        INTEGER NOT NULL,
    slot             INTEGER NOT NULL,
    user_id          INTEGER NOT NULL,
    conversation_id  INTEGER NOT NULL,
    channel          TEXT    NOT NULL,
    replies          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, slot, user_id, conversation_id)
) WITHOUT ROWID;
