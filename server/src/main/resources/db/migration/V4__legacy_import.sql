-- What `import-legacy-db` brought in, per target tenant: a second run skips what is listed here.
-- legacy_id is the old row's rowid (for conversations, "<channel> <user_id>", the key the old system used).
CREATE TABLE legacy_imports (
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    kind        TEXT    NOT NULL,
    legacy_id   TEXT    NOT NULL,
    new_id      INTEGER,
    imported_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, kind, legacy_id)
) WITHOUT ROWID;
