package dev.herald.server.message;

import java.time.Instant;
import java.util.List;

/** A message as stored: the raw payload bytes exactly as given (null once pruned or expunged). */
public record Message(
        String id,
        String appId,
        String eventId,
        String eventType,
        byte[] payload,
        List<String> channels,
        List<String> tags,
        Instant createdAt,
        Instant payloadExpiresAt) {
}
