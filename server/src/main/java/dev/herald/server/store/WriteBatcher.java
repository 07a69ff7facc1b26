package dev.herald.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Writes what many threads submit in batches: one thread takes everything queued so far and writes it in one
 * transaction, with one statement per table for the whole batch, while the next batch gathers. Under load a batch
 * holds what arrived during the previous write; an item that arrives alone is written at once. A caller returns
 * when its batch is durable, as with {@link Database#write}.
 *
 * <p>When a batch fails (one item breaks a constraint, say), each of its items is written again as a batch of its
 * own, so an item's failure stays its own and the others are written as if nothing had happened.
 *
 * <p>One writing thread: the next batch gathers while one is written and made durable. A second thread, writing one
 * batch while the other waited for the disk, halved the batches, and each batch costs round trips and a commit
 * whatever its size: one thread did 5-12 % more deliveries per second on both stores, with a fifth less of
 * PostgreSQL's CPU per message (docs/benchmarks.md).
 *
 * @param <I> what a caller submits
 * @param <R> what it gets back
 */
public final class WriteBatcher<I, R> implements AutoCloseable {
    /** Writes a whole batch in one transaction; returns one result per item, in order. */
    @FunctionalInterface
    public interface Batch<I, R> {
        List<R> write(List<I> items);
    }

    private record Pending<I, R>(I item, CompletableFuture<R> result) {
        /** Not work: what close queues so that the waiting thread sees at once that it is to stop. */
        static <I, R> Pending<I, R> wakeUp() {
            return new Pending<>(null, null);
        }

        boolean isWakeUp() {
            return result == null;
        }
    }

    private final Batch<I, R> batch;
    private final int maxBatch;
    private final BlockingQueue<Pending<I, R>> queue = new LinkedBlockingQueue<>();
    /** Held to enqueue, taken exclusively to close: nothing is queued after the writer's last look. */
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final Thread thread;
    private volatile boolean running = true;

    public WriteBatcher(String name, int maxBatch, Batch<I, R> batch) {
        this.batch = batch;
        this.maxBatch = maxBatch;
        this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::loop);
    }

    /** Writes the item with whatever else is waiting, and returns its result once durable. */
    public R submit(I item) {
        CompletableFuture<R> result = new CompletableFuture<>();
        closing.readLock().lock();
        try {
            if (!running) {
                return batch.write(List.of(item)).get(0); // closed: what is still finishing writes on its own
            }
            queue.add(new Pending<>(item, result));
        } finally {
            closing.readLock().unlock();
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Items queued and not yet taken by a writing thread. */
    int waiting() {
        return queue.size();
    }

    private void loop() {
        List<Pending<I, R>> taken = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending<I, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                queue.drainTo(taken, maxBatch - 1);
                taken.removeIf(Pending::isWakeUp);
                if (!taken.isEmpty()) {
                    write(taken);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                taken.clear();
            }
        }
    }

    private void write(List<Pending<I, R>> taken) {
        try {
            List<R> results = batch.write(taken.stream().map(Pending::item).toList());
            for (int i = 0; i < taken.size(); i++) {
                taken.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            if (taken.size() == 1) {
                taken.get(0).result().completeExceptionally(e);
                return;
            }
            for (Pending<I, R> pending : taken) { // each on its own, so that a failure is only its own item's
                write(List.of(pending));
            }
        }
    }

    /** Writes what is queued, then stops; later submits write on the caller's thread. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            running = false;
            queue.add(Pending.wakeUp());
        } finally {
            closing.writeLock().unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
