package dev.herald.server.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.auth.Principal;
import dev.herald.server.core.Json;
import dev.herald.server.core.JsonInput;
import dev.herald.server.core.ValidationException;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import dev.herald.server.store.StoredSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Svix's {@code /api/v1/environment/export} and {@code /import}: an organisation's event types and settings as
 * one JSON document (EnvironmentOut / EnvironmentIn), so that event types move between Svix and Herald or between
 * Herald installations. Herald has none of Svix's environment settings; it keeps the imported {@code settings}
 * object as it came and exports it again, so that it survives a trip through Herald. Connectors are not offered:
 * an export has none, and an import ignores them. An import adds and replaces, and never deletes.
 */
public final class EnvironmentRoutes implements RouteGroup {
    private static final String SETTINGS_PREFIX = "environment-settings:";

    private final EventTypes eventTypes;
    private final StoredSettings settings;
    private final Clock clock;

    public EnvironmentRoutes(EventTypes eventTypes, StoredSettings settings, Clock clock) {
        this.eventTypes = eventTypes;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/environment/export", this::export)
                .post("/api/v1/environment/import", this::importEnvironment);
    }

    private Reply export(Call call) {
        Principal who = call.principal();
        List<EventType> types = eventTypes.all(who);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", 1);
        out.put("createdAt", clock.instant());
        out.put("eventTypes", types);
        out.put("settings", settings.get(SETTINGS_PREFIX + who.orgId()).map(Json::readTrusted)
                .orElseGet(Json.MAPPER::createObjectNode));
        out.put("connectors", List.of());
        return Reply.ok(out);
    }

    private Reply importEnvironment(Call call) {
        Principal who = call.principal();
        who.requireOrgAccess();
        JsonInput in = JsonInput.parse(call.body());
        JsonNode list = in.node("eventTypes").orElseGet(Json.MAPPER::createArrayNode);
        JsonNode imported = in.node("settings").orElse(null);
        if (!list.isArray()) {
            in.error("eventTypes", "must be a list of event types");
        }
        if (imported != null && !imported.isObject()) {
            in.error("settings", "must be an object");
        }
        in.check();
        List<EventTypeFields> types = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw ValidationException.of("body", "eventTypes", "every entry must be an event type object");
            }
            types.add(EventTypeFields.create(JsonInput.of((ObjectNode) item)));
        }
        eventTypes.putAll(who, types);
        if (imported != null) {
            settings.put(SETTINGS_PREFIX + who.orgId(), Json.writeString(imported));
        }
        return Reply.noContent();
    }
}
