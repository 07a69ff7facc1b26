package dev.herald.server.delivery;

/**
 * At most {@code perSecond} sends per second for one endpoint on this node: each caller reserves the next free
 * slot and sleeps (a virtual thread, so sleeping is cheap) until it comes.
 */
final class Throttle {
    private long nextFreeNanos = System.nanoTime();

    void acquire(int perSecond) throws InterruptedException {
        long interval = 1_000_000_000L / perSecond;
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(nextFreeNanos, now);
            nextFreeNanos = slot + interval;
            waitNanos = slot - now;
        }
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
