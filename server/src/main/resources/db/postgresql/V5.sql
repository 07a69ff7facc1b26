-- Keys that lists page through compare byte-wise (COLLATE "C"), as in SQLite, whatever the database's locale:
-- V1 and V2 gave this to endpoint ids and event type names only.
ALTER TABLE application ALTER COLUMN id TYPE TEXT COLLATE "C";
ALTER TABLE message ALTER COLUMN id TYPE TEXT COLLATE "C";
ALTER TABLE message_attempt ALTER COLUMN id TYPE TEXT COLLATE "C";
ALTER TABLE background_task ALTER COLUMN id TYPE TEXT COLLATE "C";

