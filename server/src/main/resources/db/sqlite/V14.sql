-- herald listen (docs/listen.md): one row per WebSocket a developer's CLI holds open on a node, so that any node can
-- relay a delivery to the node holding the connection, and so that endpoints made for a session expire once no
-- connection was seen for a while. connected is 0 once the socket closed; seen_at is renewed while it is open.
CREATE TABLE listener (
    id           TEXT PRIMARY KEY,
    endpoint_id  TEXT NOT NULL,
    node_url     TEXT NOT NULL,
    relay_token  TEXT NOT NULL,
    connected    BOOLEAN NOT NULL,
    seen_at      BIGINT NOT NULL
);
CREATE INDEX listener_endpoint ON listener (endpoint_id, seen_at);
