-- Message routing keeps each application's endpoints in memory and re-reads them only when this token changed.
-- A trigger gives it a new random value whenever an endpoint is added, removed, or changed in a way routing sees;
-- random, not a counter, so that a rolled-back change can never leave a token that a later change reuses.
ALTER TABLE application ADD COLUMN routing_version BIGINT NOT NULL DEFAULT 0;
CREATE FUNCTION herald_endpoint_routing_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP <> 'INSERT' THEN UPDATE application SET routing_version = (random() * 9007199254740991)::bigint WHERE id = OLD.app_id; END IF; IF TG_OP <> 'DELETE' THEN UPDATE application SET routing_version = (random() * 9007199254740991)::bigint WHERE id = NEW.app_id; END IF; RETURN NULL; END $$;
CREATE TRIGGER endpoint_routing_changed AFTER INSERT OR DELETE OR UPDATE OF app_id, disabled, event_types, channels ON endpoint FOR EACH ROW EXECUTE FUNCTION herald_endpoint_routing_changed();
-- Most messages carry no eventId: index only those that do (the uniqueness check needs nothing else).
DROP INDEX message_event_id;
CREATE UNIQUE INDEX message_event_id ON message (app_id, event_id) WHERE event_id IS NOT NULL;
