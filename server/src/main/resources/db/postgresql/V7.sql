-- PostgreSQL's group commit (PostgresGroupFlush): writes commit without waiting for the disk, and one small write
-- here per flush, which does wait, makes every commit before it durable at once. A node upserts one of a few
-- slots, so nodes rarely wait on each other's row.
CREATE TABLE wal_flush (
    slot    INTEGER PRIMARY KEY,
    flushes BIGINT NOT NULL
);
