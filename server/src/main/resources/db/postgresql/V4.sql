-- Keys that lists page through compare byte-wise (COLLATE "C"), as in SQLite, whatever the database's locale:
-- V1 and V2 gave this to endpoint ids and event type names only.
ALTER TABLE application ALTER COLUMN id TYPE TEXT COLLATE "C";
ALTER TABLE message ALTER COLUMN id TYPE TEXT COLLATE "C";
ALTER TABLE message_attempt ALTER COLUMN id TYPE TEXT COLLATE "C";
ALTER TABLE background_task ALTER COLUMN id TYPE TEXT COLLATE "C";

-- The next free send slot of each throttled endpoint, shared by every node (microseconds on the database's clock).
CREATE TABLE endpoint_throttle (
    endpoint_id  TEXT PRIMARY KEY REFERENCES endpoint (id) ON DELETE CASCADE,
    next_slot_us BIGINT NOT NULL
);
