package dev.herald.server.endpoint;

import dev.herald.server.core.JsonInput;
import dev.herald.server.core.Validate;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writable fields of an endpoint, validated from a request body (EndpointIn / Update / Patch). {@code secret}
 * null keeps the current secret (a new endpoint gets a generated one); {@code headers} null keeps the current
 * headers (a new endpoint has none), also on PUT, whose Svix body has no headers.
 */
record EndpointFields(String url, String description, String uid, Integer throttleRate, boolean disabled,
                      List<String> eventTypes, List<String> channels, Map<String, String> metadata,
                      EndpointSecret secret, Map<String, String> headers) {
    private static final int MAX_CHANNELS = 10;

    /** A POST or PUT body: absent fields take their defaults. */
    static EndpointFields fromInput(JsonInput in) {
        EndpointFields fields = read(in, null);
        in.check();
        return fields;
    }

    /** A PATCH: absent fields keep the current value, explicit nulls clear it. */
    static EndpointFields patch(JsonInput in, Endpoint current) {
        EndpointFields fields = read(in, current);
        in.check();
        return fields;
    }

    /** The endpoint these fields describe; {@code currentHeaders} apply when the fields carry none. */
    Endpoint toEndpoint(String id, String appId, Map<String, String> currentHeaders, Instant createdAt,
                        Instant updatedAt) {
        return new Endpoint(id, appId, uid, url, description, throttleRate, disabled, eventTypes, channels, metadata,
                headers == null ? currentHeaders : headers, createdAt, updatedAt);
    }

    EndpointFields withUid(String newUid) {
        return new EndpointFields(url, description, newUid, throttleRate, disabled, eventTypes, channels, metadata,
                secret, headers);
    }

    private static EndpointFields read(JsonInput in, Endpoint current) {
        boolean creating = current == null;
        String url = creating ? in.requiredString("url") : in.string("url").orElse(current.url());
        EndpointUrl.check(in, "url", url);
        String description = in.string("description").orElse(creating ? "" : current.description());
        String uid = in.string("uid").orElse(creating || in.isExplicitNull("uid") ? null : current.uid());
        Validate.uid(in, "uid", "ep", uid);
        String rateField = in.firstPresent("throttleRate", "rateLimit");
        Integer rate = in.integer(rateField, creating ? 1 : 0, 65535).map(Long::intValue)
                .orElse(creating || in.isExplicitNull(rateField) ? null : current.throttleRate());
        boolean disabled = in.bool("disabled").orElse(!creating && current.disabled());
        String typesField = in.firstPresent("eventTypes", "filterTypes");
        List<String> eventTypes = names(in, typesField, "eventTypes", 256)
                .orElse(creating || in.isExplicitNull(typesField) ? null : current.eventTypes());
        List<String> channels = channels(in)
                .orElse(creating || in.isExplicitNull("channels") ? null : current.channels());
        if (channels != null && (channels.isEmpty() || channels.size() > MAX_CHANNELS)) {
            in.error("channels", "must hold 1 to " + MAX_CHANNELS + " channels, or be null");
        }
        Map<String, String> metadata = in.stringMap("metadata")
                .orElse(creating || in.isExplicitNull("metadata") ? Map.of() : current.metadata());
        Validate.metadata(in, "metadata", metadata);
        EndpointSecret secret = EndpointSecret.read(in, "secret").orElse(null);
        Map<String, String> headers = EndpointHeaders.read(in, "headers").orElse(null);
        return new EndpointFields(url, description, uid, rate, disabled, emptyAsNull(eventTypes), channels, metadata,
                secret, headers);
    }

    /** A list of Svix names, without repeats; errors are reported under {@code errorField}. */
    private static Optional<List<String>> names(JsonInput in, String field, String errorField, int maxLength) {
        return in.stringList(field).map(given -> {
            for (String name : given) {
                if (!Validate.isName(name, maxLength)) {
                    in.error(errorField, "'" + name + "' is not 1-" + maxLength
                            + " characters of a-z, A-Z, 0-9, '-', '_' and '.'");
                }
            }
            return List.copyOf(new LinkedHashSet<>(given));
        });
    }

    /** The endpoint's channels, without repeats, each matching Svix's channel rule (which allows ':' and '+'). */
    private static Optional<List<String>> channels(JsonInput in) {
        return in.stringList("channels").map(given -> {
            for (String channel : given) {
                if (!Validate.isChannel(channel)) {
                    in.error("channels", "'" + channel + "' is not " + Validate.CHANNEL_RULE);
                }
            }
            return List.copyOf(new LinkedHashSet<>(given));
        });
    }

    private static List<String> emptyAsNull(List<String> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
