package dev.herald.server.delivery;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The deliveries waiting for one endpoint. At most {@code maxConcurrent} run at once, each on its own virtual
 * thread, so a slow endpoint fills only its own lane and never holds up another endpoint's deliveries.
 */
final class EndpointLane {
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private final int maxConcurrent;
    private final Executor executor;

    EndpointLane(int maxConcurrent, Executor executor) {
        this.maxConcurrent = maxConcurrent;
        this.executor = executor;
    }

    void enqueue(Runnable job) {
        waiting.add(job);
        drain();
    }

    /** Jobs still waiting (not started), removed from the lane: used at shutdown to hand them back. */
    Queue<Runnable> waiting() {
        return waiting;
    }

    boolean idle() {
        return running.get() == 0 && waiting.isEmpty();
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
            executor.execute(() -> {
                try {
                    job.run();
                } finally {
                    running.decrementAndGet();
                    drain();
                }
            });
        }
    }
}
