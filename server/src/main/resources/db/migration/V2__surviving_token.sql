-- A password change revokes every token of the user except the one that made the change (PROTOCOL.md §C.2):
-- tokens issued before tokens_valid_after are refused unless their jti is this one.
ALTER TABLE users ADD COLUMN surviving_token_id TEXT;
