-- Svix parity (issue 14).
-- A scheduled message's delivery time (MessageIn.deliverAt); its tasks are due then. Null: delivered at once.
ALTER TABLE message ADD COLUMN deliver_at BIGINT;

-- Event type groups, and feature flags as a list (the single feature_flag becomes a list of one).
ALTER TABLE event_type ADD COLUMN group_name TEXT;
ALTER TABLE event_type ADD COLUMN feature_flags TEXT;
UPDATE event_type SET feature_flags = '["' || feature_flag || '"]' WHERE feature_flag IS NOT NULL;
ALTER TABLE event_type DROP COLUMN feature_flag;

-- The next free send slot of each application with a throttleRate. Kept in step with PostgreSQL, where several
-- nodes share it; the embedded store has one process, which paces its sends in memory and leaves this table empty.
CREATE TABLE application_throttle (
    app_id       TEXT PRIMARY KEY REFERENCES application (id) ON DELETE CASCADE,
    next_slot_us BIGINT NOT NULL
);
