-- Message routing keeps each application's endpoints in memory and re-reads them only when this token changed.
-- Triggers give it a new random value whenever an endpoint is added, removed, or changed in a way routing sees;
-- random, not a counter, so that a rolled-back change can never leave a token that a later change reuses.
ALTER TABLE application ADD COLUMN routing_version BIGINT NOT NULL DEFAULT 0;
CREATE TRIGGER endpoint_routing_insert AFTER INSERT ON endpoint BEGIN UPDATE application SET routing_version = random() WHERE id = NEW.app_id; END;
CREATE TRIGGER endpoint_routing_update AFTER UPDATE OF app_id, disabled, event_types, channels ON endpoint BEGIN UPDATE application SET routing_version = random() WHERE id IN (OLD.app_id, NEW.app_id); END;
CREATE TRIGGER endpoint_routing_delete AFTER DELETE ON endpoint BEGIN UPDATE application SET routing_version = random() WHERE id = OLD.app_id; END;
-- Most messages carry no eventId: index only those that do (the uniqueness check needs nothing else).
DROP INDEX message_event_id;
CREATE UNIQUE INDEX message_event_id ON message (app_id, event_id) WHERE event_id IS NOT NULL;
