-- What `import-legacy-db` brought in, per target tenant: a second run skips what is listed here.
-- legacy_id: for conversations "<channel> <user_id>" (the old key), for users the email, for other rows a digest of
-- their content (RowKeys), so copies of one deployment match and other deployments do not collide.
CREATE TABLE legacy_imports (
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    kind        TEXT    NOT NULL,
    legacy_id   TEXT    NOT NULL,
    new_id      INTEGER,
    imported_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, kind, legacy_id)
) WITHOUT ROWID;
