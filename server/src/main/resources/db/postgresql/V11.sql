-- Expunging (GDPR): a cached idempotent reply may echo a message's payload, so it records the application its
-- request named (the app_id path parameter, an id or a uid as given), and expunge-all-contents drops that
-- application's cached replies.
ALTER TABLE idempotency ADD COLUMN app_key TEXT;
CREATE INDEX idempotency_app ON idempotency (app_key) WHERE app_key IS NOT NULL;
