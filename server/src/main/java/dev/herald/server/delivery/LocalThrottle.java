package dev.herald.server.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The embedded store's {@link EndpointThrottle}: one process owns the store, so the slots live in memory, on this
 * process's monotonic clock.
 */
final class LocalThrottle implements EndpointThrottle {
    private final Map<String, AtomicLong> nextFreeNanos = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    LocalThrottle() {
        this(System::nanoTime);
    }

    LocalThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public Duration reserve(String endpointId, int perSecond) {
        long interval = EndpointThrottle.intervalIn(1_000_000_000L, perSecond);
        long now = nanoTime.getAsLong();
        AtomicLong next = nextFreeNanos.computeIfAbsent(endpointId, id -> new AtomicLong(now));
        long previous = next.getAndAccumulate(interval, (free, step) -> Math.max(free, now) + step);
        return Duration.ofNanos(Math.max(previous, now) - now);
    }
}
