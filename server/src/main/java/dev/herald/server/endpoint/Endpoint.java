package dev.herald.server.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Placeholder until the endpoint feature lands (replaced by the endpoints branch). */
public record Endpoint(String id, String appId, String uid, String url, String description, Integer throttleRate,
        boolean disabled, List<String> eventTypes, List<String> channels, Map<String, String> metadata,
        Map<String, String> headers, Instant createdAt, Instant updatedAt) {
}
