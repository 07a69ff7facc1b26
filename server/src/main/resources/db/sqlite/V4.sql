-- The next free send slot of each throttled endpoint. Kept in step with PostgreSQL, where several nodes share it;
-- the embedded store has one process, which paces its sends in memory and leaves this table empty.
CREATE TABLE endpoint_throttle (
    endpoint_id  TEXT PRIMARY KEY REFERENCES endpoint (id) ON DELETE CASCADE,
    next_slot_us BIGINT NOT NULL
);
