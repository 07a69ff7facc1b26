package dev.herald.server.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import dev.herald.server.core.ValidationException;
import dev.herald.server.eventtype.EventType;
import dev.herald.server.eventtype.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What send-example delivers: {@code {"success":true}} for Svix's built-in {@code svix.ping}; for any other event
 * type, one of the {@code examples} of its newest schema version that has some (the first unless an index is
 * given). An event type without examples cannot be sent as an example (422).
 */
final class ExamplePayloads {
    static final String PING = "svix.ping";
    private static final byte[] PING_PAYLOAD = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);

    private final EventTypes eventTypes;

    ExamplePayloads(EventTypes eventTypes) {
        this.eventTypes = eventTypes;
    }

    byte[] payload(String orgId, String eventType, int index) {
        if (PING.equals(eventType)) {
            return PING_PAYLOAD;
        }
        EventType type = eventTypes.find(orgId, eventType).orElseThrow(() -> ValidationException.of("body",
                "eventType", "event type '" + eventType + "' does not exist"));
        List<JsonNode> examples = examplesOf(type.schemas());
        if (examples.isEmpty()) {
            throw ValidationException.of("body", "eventType", "event type '" + eventType
                    + "' has no examples in its schemas; add an \"examples\" list to its schema first");
        }
        if (index >= examples.size()) {
            throw ValidationException.of("body", "exampleIndex", "event type '" + eventType + "' has "
                    + examples.size() + " example(s); exampleIndex must be below that");
        }
        return Json.write(examples.get(index));
    }

    /** The examples of the newest schema version that has a non-empty {@code examples} list. */
    static List<JsonNode> examplesOf(JsonNode schemas) {
        if (schemas == null || !schemas.isObject()) {
            return List.of();
        }
        List<Map.Entry<String, JsonNode>> versions = new ArrayList<>(schemas.properties());
        versions.sort(Comparator.comparing((Map.Entry<String, JsonNode> v) -> versionNumber(v.getKey())).reversed());
        for (Map.Entry<String, JsonNode> version : versions) {
            JsonNode examples = version.getValue().path("examples");
            if (examples.isArray() && !examples.isEmpty()) {
                List<JsonNode> out = new ArrayList<>();
                examples.forEach(out::add);
                return out;
            }
        }
        return List.of();
    }

    private static long versionNumber(String key) {
        try {
            return Long.parseLong(key.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
