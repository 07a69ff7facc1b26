-- Message routing keeps each application's endpoints in memory and re-reads them only when its routing version
-- changed. Triggers give it a new random value whenever an endpoint is added, removed, or changed in a way routing
-- sees; random, not a counter, so that a rolled-back change can never leave a value that a later change reuses.
-- A table of its own, not a column of application: recording an attempt may disable an endpoint, and must then
-- not lock the application row, which deleting the application locks first.
CREATE TABLE routing_version (
    app_id  TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
CREATE TRIGGER endpoint_routing_insert AFTER INSERT ON endpoint BEGIN INSERT INTO routing_version (app_id, version) VALUES (NEW.app_id, random()) ON CONFLICT (app_id) DO UPDATE SET version = excluded.version; END;
CREATE TRIGGER endpoint_routing_update AFTER UPDATE OF app_id, disabled, event_types, channels ON endpoint BEGIN INSERT INTO routing_version (app_id, version) VALUES (OLD.app_id, random()) ON CONFLICT (app_id) DO UPDATE SET version = excluded.version; INSERT INTO routing_version (app_id, version) VALUES (NEW.app_id, random()) ON CONFLICT (app_id) DO UPDATE SET version = excluded.version; END;
CREATE TRIGGER endpoint_routing_delete AFTER DELETE ON endpoint BEGIN INSERT INTO routing_version (app_id, version) VALUES (OLD.app_id, random()) ON CONFLICT (app_id) DO UPDATE SET version = excluded.version; END;
-- Most messages carry no eventId: index only those that do (the uniqueness check needs nothing else).
DROP INDEX message_event_id;
CREATE UNIQUE INDEX message_event_id ON message (app_id, event_id) WHERE event_id IS NOT NULL;
