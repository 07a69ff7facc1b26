-- Svix parity (issue 14).
-- A scheduled message's delivery time (MessageIn.deliverAt); its tasks are due then. Null: delivered at once.
ALTER TABLE message ADD COLUMN deliver_at BIGINT;
