package dev.herald.server.inbound;

import java.time.Instant;
import java.util.Map;

/**
 * A source: a secret ingest URL ({@code token}) that providers post to, how its requests are verified, and the
 * application whose endpoints receive what it forwards (created with it, uid {@code ingest-<id>}).
 */
record IngestSource(
        String id,
        String orgId,
        String appId,
        String uid,
        String name,
        SourceConfig config,
        String token,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {

    IngestSource {
        metadata = Map.copyOf(metadata);
    }

    String type() {
        return config.type();
    }

    IngestSource withToken(String newToken, Instant at) {
        return new IngestSource(id, orgId, appId, uid, name, config, newToken, metadata, createdAt, at);
    }

    IngestSource withFields(SourceFields fields, Instant at) {
        return new IngestSource(id, orgId, appId, fields.uid(), fields.name(), fields.config(), token,
                fields.metadata(), createdAt, at);
    }

    @Override
    public String toString() {
        return "IngestSource[id=" + id + ", uid=" + uid + ", type=" + type() + ", appId=" + appId
                + " (token and secrets redacted)]";
    }
}
