-- Inbound hardening. A request refused by verification keeps only the start of its body, so the size it arrived
-- with is stored apart (NULL in older rows, whose body is whole).
ALTER TABLE inbound_request ADD COLUMN body_size BIGINT;

-- The provider's delivery id of each forwarded request, unique per source: a repeated delivery (a provider's retry,
-- or a replayed signed request) is answered but not forwarded again, even when it reaches another node at the same
-- moment. Deleted with its request, so it lives as long as the retention keeps that.
CREATE TABLE inbound_delivery (
    source_id   TEXT COLLATE "C" NOT NULL,
    delivery_id TEXT COLLATE "C" NOT NULL,
    request_id  TEXT COLLATE "C" NOT NULL REFERENCES inbound_request (id) ON DELETE CASCADE,
    PRIMARY KEY (source_id, delivery_id)
);
CREATE INDEX inbound_delivery_request ON inbound_delivery (request_id);
