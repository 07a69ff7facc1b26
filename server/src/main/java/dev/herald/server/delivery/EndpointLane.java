package dev.herald.server.delivery;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One endpoint's share of a node: the tasks it holds in memory (reserved, waiting, being sent or being recorded)
 * and the jobs waiting to run. At most {@code maxConcurrent} jobs run at once, each on its own virtual thread, so a
 * slow endpoint fills only its own lane. {@link Lanes} changes {@link #held} only inside its map's compute, which is
 * what lets it drop a lane the moment it holds nothing.
 */
final class EndpointLane {
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private final int maxConcurrent;
    private final Executor executor;
    /** The store had more due tasks for this endpoint than the lane could take when it last looked. */
    private volatile boolean backlogged;

    EndpointLane(int maxConcurrent, Executor executor) {
        this.maxConcurrent = maxConcurrent;
        this.executor = executor;
    }

    /** Takes up to {@code wanted} more places, never beyond {@code cap}; returns how many it took. */
    int reserve(int wanted, int cap) {
        int taken = Math.max(0, Math.min(wanted, cap - held.get()));
        held.addAndGet(taken);
        return taken;
    }

    /** Gives places back; returns how many the lane still holds. */
    int release(int count) {
        return held.addAndGet(-count);
    }

    int held() {
        return held.get();
    }

    boolean backlogged() {
        return backlogged;
    }

    void backlogged(boolean more) {
        backlogged = more;
    }

    /** Runs the job when a slot is free; the caller reserved a place for it. */
    void enqueue(Runnable job) {
        waiting.add(job);
        drain();
    }

    private void drain() {
        while (!waiting.isEmpty()) {
            int current = running.get();
            if (current >= maxConcurrent) {
                return;
            }
            if (!running.compareAndSet(current, current + 1)) {
                continue;
            }
            Runnable job = waiting.poll();
            if (job == null) {
                running.decrementAndGet();
                continue;
            }
            try {
                executor.execute(() -> {
                    try {
                        job.run();
                    } finally {
                        running.decrementAndGet();
                        drain();
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                running.decrementAndGet(); // the node is stopping: the job stays held and is handed back
                return;
            }
        }
    }
}
