package dev.herald.server.delivery;

import dev.herald.server.endpoint.Endpoint;
import dev.herald.webhooks.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Endpoints, their decrypted signing keys and their application's throttle as the dispatcher last read them, for
 * at most {@link #TTL}: a busy endpoint then costs one read (and one decryption) per second instead of three per
 * delivery. The price is that an edit (URL, headers, disabling, a rotated secret, the application's
 * {@code throttleRate}) reaches deliveries up to one second (and one read) late.
 */
final class EndpointCache {
    static final Duration TTL = Duration.ofSeconds(1);
    private static final int READS_AT_ONCE = 4;

    /** An endpoint, the keys that sign for it and its application's {@code throttleRate} (null: none), read together. */
    record Target(Endpoint endpoint, List<SigningKey> keys, Integer appThrottleRate) {
    }

    /** What was read, when, and whether a caller is reading it again right now. */
    private record Entry(Optional<Target> target, long loadedNanos, AtomicBoolean refreshing) {
    }

    private final DeliveryPorts.EndpointLookup endpoints;
    private final DeliveryPorts.SigningKeys keys;
    private final DeliveryPorts.AppLookup apps;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /**
     * Reads of endpoints at once, at most: the first message fanned out to 5,000 endpoints needs 5,000 of them
     * together, and unbounded they took every connection of the store's pool, past its timeout, from every other
     * write. Queued here, they take a few connections and finish in turn.
     */
    private final Semaphore reading = new Semaphore(READS_AT_ONCE);
    /** First reads in progress: the deliveries that need an endpoint nobody has read yet wait for the same read. */
    private final Map<String, CompletableFuture<Entry>> firstReads = new ConcurrentHashMap<>();

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

    /**
     * The endpoint with its keys, or empty when it no longer exists. One delivery at a time reads an endpoint
     * again: while it does, the others use what was read before. Thousands of deliveries to the endpoints of one
     * fanned-out message would otherwise each read their endpoint, its keys and its application at the same moment.
     */
    Optional<Target> find(String endpointId) {
        Entry entry = entries.get(endpointId);
        if (entry == null) {
            return firstRead(endpointId).target();
        }
        if (System.nanoTime() - entry.loadedNanos() > TTL.toNanos() && entry.refreshing().compareAndSet(false, true)) {
            try {
                return read(endpointId).target();
            } finally {
                entry.refreshing().set(false); // a failed read leaves the old entry, and the next caller tries again
            }
        }
        return entry.target();
    }

    private Entry firstRead(String endpointId) {
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> pending = firstReads.putIfAbsent(endpointId, mine);
        if (pending != null) {
            try {
                return pending.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Entry entry = read(endpointId);
            mine.complete(entry);
            return entry;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            firstReads.remove(endpointId, mine);
        }
    }

    private Entry read(String endpointId) {
        Optional<Target> target;
        reading.acquireUninterruptibly();
        try {
            target = endpoints.find(endpointId)
                    .map(ep -> new Target(ep, keys.forEndpoint(ep.id(), clock.instant()),
                            apps.find(ep.appId()).map(DeliveryPorts.AppRef::throttleRate).orElse(null)));
        } finally {
            reading.release();
        }
        Entry entry = new Entry(target, System.nanoTime(), new AtomicBoolean());
        if (entries.size() >= 100_000) {
            entries.clear(); // bound memory; entries refill on demand
        }
        entries.put(endpointId, entry);
        return entry;
    }
}
