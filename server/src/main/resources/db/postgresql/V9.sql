-- Inbound hardening. A request refused by verification keeps only the start of its body, so the size it arrived
-- with is stored apart (NULL in older rows, whose body is whole).
ALTER TABLE inbound_request ADD COLUMN body_size BIGINT;
