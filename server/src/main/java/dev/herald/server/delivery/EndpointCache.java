package dev.herald.server.delivery;

import dev.herald.server.endpoint.Endpoint;
import dev.herald.webhooks.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoints, their decrypted signing keys and their application's throttle as the dispatcher last read them, for
 * at most {@link #TTL}: a busy endpoint then costs one read (and one decryption) per second instead of three per
 * delivery. The price is that an edit (URL, headers, disabling, a rotated secret, the application's
 * {@code throttleRate}) reaches deliveries up to one second late.
 */
final class EndpointCache {
    static final Duration TTL = Duration.ofSeconds(1);

    /** An endpoint, the keys that sign for it and its application's {@code throttleRate} (null: none), read together. */
    record Target(Endpoint endpoint, List<SigningKey> keys, Integer appThrottleRate) {
    }

    private record Entry(Optional<Target> target, long loadedNanos) {
    }

    private final DeliveryPorts.EndpointLookup endpoints;
    private final DeliveryPorts.SigningKeys keys;
    private final DeliveryPorts.AppLookup apps;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    EndpointCache(DeliveryPorts.EndpointLookup endpoints, DeliveryPorts.SigningKeys keys, DeliveryPorts.AppLookup apps,
                  Clock clock) {
        this.endpoints = endpoints;
        this.keys = keys;
        this.apps = apps;
        this.clock = clock;
    }

    /** Forgets an endpoint this node just changed (e.g. disabled), so the next delivery reads it afresh. */
    void invalidate(String endpointId) {
        entries.remove(endpointId);
    }

    /** The endpoint with its keys, or empty when it no longer exists. */
    Optional<Target> find(String endpointId) {
        long now = System.nanoTime();
        Entry entry = entries.get(endpointId);
        if (entry == null || now - entry.loadedNanos() > TTL.toNanos()) {
            Optional<Target> target = endpoints.find(endpointId)
                    .map(ep -> new Target(ep, keys.forEndpoint(ep.id(), clock.instant()),
                            apps.find(ep.appId()).map(DeliveryPorts.AppRef::throttleRate).orElse(null)));
            entry = new Entry(target, now);
            entries.put(endpointId, entry);
            if (entries.size() > 100_000) {
                entries.clear(); // bound memory; entries refill on demand
            }
        }
        return entry.target();
    }
}
