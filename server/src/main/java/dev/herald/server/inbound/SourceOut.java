package dev.herald.server.inbound;

import java.time.Instant;
import java.util.Map;

/** Svix IngestSourceOut: the source with its ingest URL; {@code config} holds no secret. */
record SourceOut(
        String id,
        String uid,
        String name,
        String ingestUrl,
        String type,
        Map<String, Object> config,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {

    static SourceOut of(IngestSource source, String ingestUrl) {
        return new SourceOut(source.id(), source.uid(), source.name(), ingestUrl, source.type(),
                source.config().shown(), source.metadata(), source.createdAt(), source.updatedAt());
    }
}
