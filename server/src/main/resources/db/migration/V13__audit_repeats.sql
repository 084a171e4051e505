-- Unauthenticated refusals (bad webhook signatures, failed sign-ins) repeated within a minute share one audit row,
-- counted here, so a flood of them cannot grow the never-purged audit log row by row.
ALTER TABLE audit_events ADD COLUMN occurrences INTEGER NOT NULL DEFAULT 1;
