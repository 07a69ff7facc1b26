-- Message routing keeps each application's endpoints in memory and re-reads them only when its routing version
-- changed. A trigger gives it a new random value whenever an endpoint is added, removed, or changed in a way
-- routing sees; random, not a counter, so that a rolled-back change can never leave a value that a later change
-- reuses. A table of its own, not a column of application: recording an attempt may disable an endpoint, and must
-- then not lock the application row, which deleting the application locks first.
CREATE TABLE routing_version (
    app_id  TEXT COLLATE "C" PRIMARY KEY,
    version BIGINT NOT NULL
);
CREATE FUNCTION herald_endpoint_routing_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP <> 'INSERT' THEN INSERT INTO routing_version (app_id, version) VALUES (OLD.app_id, (random() * 9007199254740991)::bigint) ON CONFLICT (app_id) DO UPDATE SET version = EXCLUDED.version; END IF; IF TG_OP <> 'DELETE' THEN INSERT INTO routing_version (app_id, version) VALUES (NEW.app_id, (random() * 9007199254740991)::bigint) ON CONFLICT (app_id) DO UPDATE SET version = EXCLUDED.version; END IF; RETURN NULL; END $$;
CREATE TRIGGER endpoint_routing_changed AFTER INSERT OR DELETE OR UPDATE OF app_id, disabled, event_types, channels ON endpoint FOR EACH ROW EXECUTE FUNCTION herald_endpoint_routing_changed();
-- Most messages carry no eventId: index only those that do (the uniqueness check needs nothing else).
DROP INDEX message_event_id;
CREATE UNIQUE INDEX message_event_id ON message (app_id, event_id) WHERE event_id IS NOT NULL;
