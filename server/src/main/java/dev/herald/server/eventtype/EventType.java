package dev.herald.server.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A kind of message an organisation sends, such as {@code invoice.paid} (Svix EventTypeOut). Endpoints subscribe
 * to event types by name; an archived type stays readable but no endpoint may newly subscribe to it.
 * {@code schemas} maps a version to a JSON Schema, stored and returned exactly as given.
 */
public record EventType(
        String name,
        String description,
        boolean archived,
        boolean deprecated,
        JsonNode schemas,
        String featureFlag,
        Instant createdAt,
        Instant updatedAt) {

    /** The same type without its schemas, for lists asked for {@code with_content=false}. */
    public EventType withoutContent() {
        return new EventType(name, description, archived, deprecated, null, featureFlag, createdAt, updatedAt);
    }
}
