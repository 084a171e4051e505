-- The highest seq whose event was pruned, per tenant: a client asking to replay from before it gets a reset.
ALTER TABLE tenants ADD COLUMN pruned_seq INTEGER NOT NULL DEFAULT 0;
