package dev.herald.server.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.ApiException;
import dev.herald.server.core.JsonInput;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Svix API v1 {@code /api/v1/event-type}. */
public final class EventTypeRoutes implements RouteGroup {
    private static final String ONE = "/api/v1/event-type/{event_type_name}";

    private final EventTypes eventTypes;

    public EventTypeRoutes(EventTypes eventTypes) {
        this.eventTypes = eventTypes;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/event-type", this::create)
                .post("/api/v1/event-type/import/openapi", this::importOpenApi)
                .get("/api/v1/event-type", this::list)
                .get(ONE, call -> Reply.ok(eventTypes.require(call.principal(), call.param("event_type_name"))))
                .put(ONE, this::upsert)
                .patch(ONE, this::patch)
                .delete(ONE, this::delete);
    }

    private Reply create(Call call) {
        EventTypeFields fields = EventTypeFields.create(JsonInput.parse(call.body()));
        return Reply.created(eventTypes.create(call.principal(), fields));
    }

    /** Svix's import: {@code spec} (an object) or {@code specRaw} (YAML or JSON text), exactly one of them. */
    private Reply importOpenApi(Call call) {
        JsonInput in = JsonInput.parse(call.body());
        Optional<JsonNode> spec = in.node("spec");
        Optional<String> raw = in.string("specRaw");
        boolean dryRun = in.bool("dryRun").orElse(false);
        boolean replaceAll = in.bool("replaceAll").orElse(false);
        if (spec.isPresent() && !spec.get().isObject()) {
            in.error("spec", "must be an object");
        }
        in.check();
        if (spec.isPresent() == raw.isPresent()) {
            throw ApiException.badRequest("send either spec or specRaw, not " + (raw.isPresent() ? "both" : "neither"));
        }
        List<EventTypeFields> types = OpenApiWebhooks.read(spec.orElseGet(() -> OpenApiWebhooks.parseRaw(raw.get())));
        return Reply.ok(Map.of("data", eventTypes.importOpenApi(call.principal(), types, dryRun, replaceAll)));
    }

    private Reply list(Call call) {
        ListQuery query = ListQuery.of(call.queryLong("limit"), call.query("iterator"), call.query("order"), true);
        Page<EventType> page = eventTypes.list(call.principal(), query, call.queryFlag("include_archived", false));
        return Reply.ok(call.queryFlag("with_content", false) ? page : page.map(EventType::withoutContent));
    }

    private Reply upsert(Call call) {
        EventTypeFields fields = EventTypeFields.replace(JsonInput.parse(call.body()), call.param("event_type_name"));
        EventTypes.Upserted result = eventTypes.upsert(call.principal(), fields);
        return result.created() ? Reply.created(result.eventType()) : Reply.ok(result.eventType());
    }

    private Reply patch(Call call) {
        EventType current = eventTypes.require(call.principal(), call.param("event_type_name"));
        EventTypeFields fields = EventTypeFields.patch(JsonInput.parse(call.body()), current);
        return Reply.ok(eventTypes.update(call.principal(), current, fields));
    }

    private Reply delete(Call call) {
        EventType type = eventTypes.require(call.principal(), call.param("event_type_name"));
        eventTypes.delete(call.principal(), type, call.queryFlag("expunge", false));
        return Reply.noContent();
    }
}
