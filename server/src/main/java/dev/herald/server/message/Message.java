package dev.herald.server.message;

import java.time.Instant;
import java.util.List;

/**
 * A message as stored: the raw payload bytes exactly as given (null once pruned or expunged), and their content
 * type when it is not JSON (null for every message sent through the API; set by inbound forwarding).
 * {@code deliverAt} is when a scheduled message is due (null: at once).
 */
public record Message(
        String id,
        String appId,
        String eventId,
        String eventType,
        byte[] payload,
        List<String> channels,
        List<String> tags,
        Instant createdAt,
        Instant payloadExpiresAt,
        String contentType,
        Instant deliverAt) {
}
