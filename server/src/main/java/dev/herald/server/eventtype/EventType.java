package dev.herald.server.eventtype;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A kind of message an organisation sends, such as {@code invoice.paid} (Svix EventTypeOut). Endpoints subscribe
 * to event types by name; an archived type stays readable but no endpoint may newly subscribe to it.
 * {@code schemas} maps a version to a JSON Schema, stored and returned exactly as given. {@code featureFlags} is
 * null when the type is not behind any flag; Svix's older single {@code featureFlag} is the first of them.
 */
public record EventType(
        String name,
        String description,
        boolean archived,
        boolean deprecated,
        JsonNode schemas,
        String groupName,
        List<String> featureFlags,
        Instant createdAt,
        Instant updatedAt) {

    public EventType {
        featureFlags = featureFlags == null || featureFlags.isEmpty() ? null : List.copyOf(featureFlags);
    }

    /** Svix's deprecated single flag, kept for clients that still read it: the first of {@link #featureFlags}. */
    @JsonProperty("featureFlag")
    public String featureFlag() {
        return featureFlags == null ? null : featureFlags.getFirst();
    }

    /** The same type without its schemas, for lists not asked for {@code with_content=true}. */
    public EventType withoutContent() {
        return new EventType(name, description, archived, deprecated, null, groupName, featureFlags, createdAt,
                updatedAt);
    }

    /** The same type, created at another time (an archived type revived keeps its first creation time). */
    EventType createdAt(Instant at) {
        return new EventType(name, description, archived, deprecated, schemas, groupName, featureFlags, at, updatedAt);
    }
}
