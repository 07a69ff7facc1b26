-- Inbound: sources (each with a secret ingest URL and an application whose endpoints receive its forwards), and
-- every request caught at an ingest URL, byte-exact. Messages may now carry a content type other than JSON.
ALTER TABLE message ADD COLUMN content_type TEXT;

-- config and token are encrypted (SecretCipher, bound to the source id); token_hash finds a source by its URL.
CREATE TABLE ingest_source (
    id         TEXT COLLATE "C" PRIMARY KEY,
    org_id     TEXT NOT NULL,
    app_id     TEXT NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    uid        TEXT,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    config     TEXT NOT NULL,
    token      TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    metadata   TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX ingest_source_uid ON ingest_source (org_id, uid);
CREATE UNIQUE INDEX ingest_source_token ON ingest_source (token_hash);
CREATE INDEX ingest_source_org ON ingest_source (org_id, id);

-- headers: a JSON list of [name, value] pairs in the order and case received. status: received, failed, forwarded.
CREATE TABLE inbound_request (
    id             TEXT COLLATE "C" PRIMARY KEY,
    source_id      TEXT NOT NULL REFERENCES ingest_source (id) ON DELETE CASCADE,
    method         TEXT NOT NULL,
    path           TEXT NOT NULL,
    query          TEXT,
    headers        TEXT NOT NULL,
    body           BYTEA NOT NULL,
    remote_address TEXT,
    received_at    BIGINT NOT NULL,
    status         TEXT NOT NULL,
    failure_reason TEXT,
    msg_id         TEXT REFERENCES message (id) ON DELETE SET NULL
);
CREATE INDEX inbound_request_source ON inbound_request (source_id, id);
CREATE INDEX inbound_request_status ON inbound_request (source_id, status, id);
