-- App portal access links: each token is kept only as its SHA-256 hash, with the application and capabilities it
-- grants. Logging out or expiring a token sets its expires_at to the moment it stopped being valid.
CREATE TABLE portal_token (
    token_hash    TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL,
    app_id        TEXT NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    capabilities  TEXT NOT NULL,
    feature_flags TEXT NOT NULL,
    session_id    TEXT,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL
);
CREATE INDEX portal_token_app ON portal_token (app_id, session_id);
CREATE INDEX portal_token_expiry ON portal_token (expires_at);
