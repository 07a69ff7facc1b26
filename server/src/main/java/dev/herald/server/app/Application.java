package dev.herald.server.app;

import java.time.Instant;
import java.util.Map;

/** An application: one tenant of the organisation, the owner of endpoints and messages (Svix ApplicationOut). */
public record Application(
        String id,
        String uid,
        String name,
        Integer throttleRate,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {

    public Application {
        metadata = Map.copyOf(metadata);
    }
}
