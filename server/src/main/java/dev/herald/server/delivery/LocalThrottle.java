package dev.herald.server.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The embedded store's {@link Throttle}: one process owns the store, so the slots live in memory, on this
 * process's monotonic clock. A key (endpoint or application) whose next free slot is long past has nothing left to
 * pace and is forgotten, so the map holds only keys sent to recently.
 */
final class LocalThrottle implements Throttle {
    static final Duration FORGET_AFTER = Duration.ofMinutes(1);

    private final Map<String, Long> nextFreeNanos = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final AtomicLong nextSweepNanos;

    LocalThrottle() {
        this(System::nanoTime);
    }

    LocalThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.nextSweepNanos = new AtomicLong(nanoTime.getAsLong() + FORGET_AFTER.toNanos());
    }

    @Override
    public Duration reserve(String key, int perSecond) {
        long interval = Throttle.intervalIn(1_000_000_000L, perSecond);
        long now = nanoTime.getAsLong();
        long[] slot = new long[1];
        nextFreeNanos.compute(key, (id, free) -> {
            slot[0] = free == null ? now : Math.max(free, now);
            return slot[0] + interval;
        });
        forgetIdle(now);
        return Duration.ofNanos(slot[0] - now);
    }

    /** Keys it still paces. */
    int remembered() {
        return nextFreeNanos.size();
    }

    /**
     * Once a minute, drops keys whose next slot passed more than a minute ago. An entry is removed only if it
     * still holds the value that was found stale, so a reservation made meanwhile is never lost.
     */
    private void forgetIdle(long now) {
        long due = nextSweepNanos.get();
        if (now - due < 0 || !nextSweepNanos.compareAndSet(due, now + FORGET_AFTER.toNanos())) {
            return;
        }
        long forgetNanos = FORGET_AFTER.toNanos();
        nextFreeNanos.entrySet().removeIf(e -> now - e.getValue() > forgetNanos);
    }
}
