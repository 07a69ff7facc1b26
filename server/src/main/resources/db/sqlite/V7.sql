-- Unused by the embedded store, which flushes its own log (GroupCommitWriter): PostgreSQL's group commit writes to
-- this table (see db/postgresql/V7.sql). It exists here too so that both stores are at the same schema version,
-- which moving a store to PostgreSQL requires.
CREATE TABLE wal_flush (
    slot    INTEGER PRIMARY KEY,
    flushes BIGINT NOT NULL
);
