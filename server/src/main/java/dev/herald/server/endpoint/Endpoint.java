package dev.herald.server.endpoint;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A URL of one application that receives its messages, and its JSON output too (Svix EndpointOut).
 * {@code eventTypes} and {@code channels} are null when the endpoint does not filter by them. The custom
 * {@code headers} travel with every delivery but are never serialised here (they may hold credentials); the
 * signing secrets live apart, encrypted, behind {@link Endpoints#signingKeys}.
 */
public record Endpoint(
        String id,
        @JsonIgnore String appId,
        String uid,
        String url,
        String description,
        Integer throttleRate,
        boolean disabled,
        List<String> eventTypes,
        List<String> channels,
        Map<String, String> metadata,
        @JsonIgnore Map<String, String> headers,
        Instant createdAt,
        Instant updatedAt) {

    public Endpoint {
        eventTypes = eventTypes == null ? null : List.copyOf(eventTypes);
        channels = channels == null ? null : List.copyOf(channels);
        metadata = Map.copyOf(metadata);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Svix SDK 1.x reads the event type filter under this older name, so both are written. */
    @JsonProperty("filterTypes")
    public List<String> filterTypes() {
        return eventTypes;
    }

    /** Svix still reports an endpoint version; Herald has only one. */
    @JsonProperty("version")
    public int version() {
        return 1;
    }

    Endpoint withHeaders(Map<String, String> newHeaders, Instant at) {
        return new Endpoint(id, appId, uid, url, description, throttleRate, disabled, eventTypes, channels, metadata,
                newHeaders, createdAt, at);
    }

    @Override
    public String toString() {
        return "Endpoint[id=" + id + ", appId=" + appId + ", uid=" + uid + ", disabled=" + disabled
                + ", eventTypes=" + eventTypes + ", channels=" + channels + ", headers=" + headers.keySet()
                + " (url and header values redacted)]";
    }
}
