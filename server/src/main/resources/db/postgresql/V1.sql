-- Management resources: settings, applications, event types, endpoints and their secrets.
-- Keys that lists page through compare byte-wise (COLLATE "C"), as in SQLite, whatever the database's locale.
CREATE TABLE setting (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE application (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    uid           TEXT,
    name          TEXT NOT NULL,
    throttle_rate INTEGER,
    metadata      TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX application_uid ON application (org_id, uid);
CREATE INDEX application_org ON application (org_id, id);

CREATE TABLE event_type (
    org_id       TEXT NOT NULL,
    name         TEXT COLLATE "C" NOT NULL,
    description  TEXT NOT NULL,
    archived     BOOLEAN NOT NULL,
    deprecated   BOOLEAN NOT NULL,
    schemas      TEXT,
    feature_flag TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (org_id, name)
);

CREATE TABLE endpoint (
    id            TEXT COLLATE "C" PRIMARY KEY,
    app_id        TEXT NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    uid           TEXT,
    url           TEXT NOT NULL,
    description   TEXT NOT NULL,
    throttle_rate INTEGER,
    disabled      BOOLEAN NOT NULL,
    event_types   TEXT,
    channels      TEXT,
    metadata      TEXT NOT NULL,
    headers       TEXT NOT NULL,
    failing_since BIGINT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX endpoint_uid ON endpoint (app_id, uid);
CREATE INDEX endpoint_app ON endpoint (app_id, id);

CREATE TABLE endpoint_secret (
    id          TEXT PRIMARY KEY,
    endpoint_id TEXT NOT NULL REFERENCES endpoint (id) ON DELETE CASCADE,
    secret      TEXT NOT NULL,
    expires_at  BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX endpoint_secret_endpoint ON endpoint_secret (endpoint_id);

-- Responses remembered for the idempotency-key header (status 0 = a request with this key is in progress).
CREATE TABLE idempotency (
    key          TEXT PRIMARY KEY,
    status       INTEGER NOT NULL,
    content_type TEXT,
    body         BYTEA,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
