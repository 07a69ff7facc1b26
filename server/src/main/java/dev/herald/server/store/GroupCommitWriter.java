package dev.herald.server.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's single writer. Callers queue their work; one thread runs everything queued so far in one transaction
 * (each piece in its own savepoint, so one failure does not undo the others) and commits once. Under load many
 * requests share one commit.
 *
 * <p>Commits are made durable apart from running them: the connection commits without waiting for the disk
 * ({@code synchronous=NORMAL}), and a second thread then flushes the write-ahead log ({@link Durability#sync})
 * and only after that answers the callers whose commits it covers. One flush covers every commit made before it
 * started, and the writer runs the next transactions while the disk works, instead of waiting a millisecond or
 * more per commit. A caller still returns only once its work is on disk, as with {@code synchronous=FULL}; what
 * changes is that other connections may read a commit a moment before it is durable (lost only if the machine,
 * not just the process, fails in that moment, and never one that was acknowledged).
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 512;
    /** Not work: the flushing thread's word to the writer that it is free. */
    private static final Pending<Object> FLUSHED = new Pending<>(c -> null, new CompletableFuture<>());

    private record Pending<T>(SqlWork<T> work, CompletableFuture<T> result) {
    }

    /** Makes everything committed so far durable (an fsync of the write-ahead log). */
    @FunctionalInterface
    interface Durability {
        void sync() throws IOException;
    }

    private final Connection connection;
    private final Dialect dialect;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Durability durability;
    /** Completions of committed batches, waiting for the flush that makes them durable. */
    private final BlockingQueue<List<Completion<?>>> committed = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Thread flusher;
    private volatile boolean running = true;
    private volatile boolean flushing = true;
    /** True while no commit waits for a flush: the writer then commits at once rather than gather more. */
    private volatile boolean flusherIdle = true;

    GroupCommitWriter(Connection connection, Dialect dialect, Durability durability) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.durability = durability;
        connection.setAutoCommit(false);
        this.thread = Thread.ofPlatform().name("herald-store-writer").daemon(true).start(this::loop);
        this.flusher = Thread.ofPlatform().name("herald-store-flush").daemon(true).start(this::flushLoop);
    }

    <T> T submit(SqlWork<T> work) {
        if (!running) {
            throw new StoreException("store is closed", null);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        queue.add(new Pending<>(work, result));
        try {
            return result.join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        return switch (cause) {
            case RuntimeException r -> r;
            case SQLException s -> StoreException.wrap(s);
            default -> new StoreException("store error: " + cause, cause);
        };
    }

    /**
     * Runs work as it arrives inside one open transaction, and commits it when the flushing thread is free to
     * take the commit (or the transaction is full, or the store is closing). While the disk flushes one commit,
     * the next transaction fills up, so under load there is one commit per flush and no waiting between them.
     */
    private void loop() {
        List<Pending<?>> arrived = new ArrayList<>();
        List<Completion<?>> open = new ArrayList<>();
        while (running || !queue.isEmpty() || !open.isEmpty()) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    arrived.add(first);
                    queue.drainTo(arrived, MAX_BATCH);
                }
                for (Pending<?> pending : arrived) {
                    if (pending != FLUSHED) {
                        open.add(runOne(pending));
                    }
                }
                if (!open.isEmpty() && (flusherIdle || open.size() >= MAX_BATCH || !running)) {
                    commit(open);
                    open = new ArrayList<>();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                arrived.clear();
            }
        }
    }

    private void commit(List<Completion<?>> open) {
        try {
            connection.commit();
            flusherIdle = false;
            committed.add(open);
        } catch (SQLException e) {
            log.error("commit of {} writes failed", open.size(), e);
            rollbackQuietly();
            open.forEach(c -> c.result().completeExceptionally(StoreException.wrap(e)));
        }
    }

    /** Flushes the log and then answers every caller whose commit came before the flush began. */
    private void flushLoop() {
        List<List<Completion<?>>> covered = new ArrayList<>();
        while (flushing || !committed.isEmpty()) {
            try {
                List<Completion<?>> first = committed.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                covered.add(first);
                committed.drainTo(covered);
                flushThenAnswer(covered);
                if (committed.isEmpty()) {
                    flusherIdle = true;
                    queue.add(FLUSHED); // wakes the writer to commit what gathered meanwhile
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                covered.clear();
            }
        }
    }

    private void flushThenAnswer(List<List<Completion<?>>> covered) {
        try {
            durability.sync();
        } catch (IOException | RuntimeException e) {
            // the commits are in the log but may not be on disk: refuse to acknowledge them
            log.error("flushing the write-ahead log to disk failed; {} commits are not acknowledged", covered.size(), e);
            StoreException failure = new StoreException("the write could not be made durable: " + e.getMessage(), e);
            covered.forEach(batch -> batch.forEach(c -> c.result().completeExceptionally(failure)));
            return;
        }
        covered.forEach(batch -> batch.forEach(Completion::tell));
    }

    /** How one piece of work ends, told to its caller once the commit that holds it is durable. */
    private record Completion<T>(CompletableFuture<T> result, T value, Throwable failure) {
        void tell() {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        }
    }

    private <T> Completion<T> runOne(Pending<T> pending) {
        boolean savepoint = false;
        try {
            execute("SAVEPOINT work");
            savepoint = true;
            T value = pending.work().run(connection);
            execute("RELEASE work");
            return new Completion<>(pending.result(), value, null);
        } catch (Throwable failure) {
            if (savepoint) {
                rollbackToSavepoint();
            }
            Throwable mapped = failure instanceof SQLException s && dialect.isUniqueViolation(s)
                    ? new UniqueViolation(s.getMessage(), s) : failure;
            return new Completion<>(pending.result(), null, mapped);
        }
    }

    /** Savepoint commands as prepared statements, so that the writer's statement cache serves them too. */
    private void execute(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    private void rollbackToSavepoint() {
        try {
            execute("ROLLBACK TO work");
            execute("RELEASE work");
        } catch (SQLException e) {
            log.warn("rollback to savepoint failed", e);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.warn("rollback failed", e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            flushing = false; // after the writer: its last commits still get their flush
            flusher.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
