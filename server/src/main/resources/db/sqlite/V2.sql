-- Messages, their delivery tasks (the queue: one row per message and endpoint) and the attempt log.
CREATE TABLE message (
    id                 TEXT PRIMARY KEY,
    app_id             TEXT NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    event_id           TEXT,
    event_type         TEXT NOT NULL,
    payload            BLOB,
    channels           TEXT,
    tags               TEXT,
    created_at         BIGINT NOT NULL,
    payload_expires_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX message_event_id ON message (app_id, event_id);
CREATE INDEX message_app ON message (app_id, id);
CREATE INDEX message_payload_expiry ON message (payload_expires_at) WHERE payload IS NOT NULL;

CREATE TABLE delivery_task (
    id              TEXT PRIMARY KEY,
    msg_id          TEXT NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    app_id          TEXT NOT NULL,
    endpoint_id     TEXT NOT NULL REFERENCES endpoint (id) ON DELETE CASCADE,
    status          INTEGER NOT NULL,
    trigger_type    INTEGER NOT NULL,
    attempt_count   INTEGER NOT NULL,
    next_attempt_at BIGINT,
    lease_owner     TEXT,
    lease_until     BIGINT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX delivery_task_msg_endpoint ON delivery_task (msg_id, endpoint_id);
CREATE INDEX delivery_task_endpoint ON delivery_task (endpoint_id, msg_id);
CREATE INDEX delivery_task_due ON delivery_task (next_attempt_at) WHERE next_attempt_at IS NOT NULL;

CREATE TABLE message_attempt (
    id                   TEXT PRIMARY KEY,
    msg_id               TEXT NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    app_id               TEXT NOT NULL,
    endpoint_id          TEXT NOT NULL,
    url                  TEXT NOT NULL,
    status               INTEGER NOT NULL,
    response_status_code INTEGER NOT NULL,
    response             TEXT,
    response_duration_ms BIGINT NOT NULL,
    trigger_type         INTEGER NOT NULL,
    created_at           BIGINT NOT NULL
);
CREATE INDEX message_attempt_msg ON message_attempt (msg_id, id);
CREATE INDEX message_attempt_endpoint ON message_attempt (endpoint_id, id);
CREATE INDEX message_attempt_created ON message_attempt (created_at);

-- Long-running operations started through the API (recover, replay-missing), reported as Svix qtask_ ids.
CREATE TABLE background_task (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    status     TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
