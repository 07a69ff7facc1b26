package dev.herald.server.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Svix's OperationalWebhookEndpointOut: an endpoint without the fields operational endpoints do not have
 * (channels, version). The event type filter is written under both names, as for any endpoint, for SDK 1.x.
 */
record OperationalEndpointOut(String id, String uid, String url, String description, Integer throttleRate,
                              boolean disabled, List<String> eventTypes, List<String> filterTypes,
                              Map<String, String> metadata, Instant createdAt, Instant updatedAt) {

    static OperationalEndpointOut of(Endpoint e) {
        return new OperationalEndpointOut(e.id(), e.uid(), e.url(), e.description(), e.throttleRate(), e.disabled(),
                e.eventTypes(), e.eventTypes(), e.metadata(), e.createdAt(), e.updatedAt());
    }
}
