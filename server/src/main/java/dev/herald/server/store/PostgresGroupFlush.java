package dev.herald.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's group commit. Herald's write transactions commit without waiting for the disk (the pool's sessions
 * run with {@code synchronous_commit = off}); each writer then waits here for a flush: a one-row write on a
 * connection of this node's own that does wait, as the server is configured to wait. PostgreSQL makes its
 * write-ahead log durable in order, so that flush makes durable every commit made before it began. One flush covers
 * every writer waiting for it: under load many commits share one fsync instead of paying one each, and a writer is
 * still answered only once its commit is on disk (or on a synchronous standby, where one is configured).
 *
 * <p>As with the embedded store, another session may read a commit a moment before it is durable; a server crash
 * in that moment loses it, and it was never acknowledged.
 */
final class PostgresGroupFlush implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresGroupFlush.class);
    /** Rows of {@code wal_flush}; nodes pick one at random, so two rarely wait on each other's row. */
    private static final int SLOTS = 64;

    /** Waits for the disk once: everything committed before the call is durable when it returns. */
    @FunctionalInterface
    interface Flush {
        void run() throws SQLException;
    }

    private final Flush flush;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    private final Condition finished = lock.newCondition();
    private boolean wanted;
    private long started;
    private long completed;
    private long lastSucceeded;
    private RuntimeException lastFailure;
    private boolean running = true;
    private boolean stopped;
    private final Thread thread;

    PostgresGroupFlush(Flush flush) {
        this.flush = flush;
        this.thread = Thread.ofPlatform().name("herald-postgresql-flush").daemon(true).start(this::loop);
    }

    /** Flushes with a one-row upsert into this node's {@code wal_flush} slot, on a connection of {@code source}. */
    static PostgresGroupFlush onSlotOf(DataSource source) {
        int slot = ThreadLocalRandom.current().nextInt(SLOTS);
        return new PostgresGroupFlush(() -> {
            try (Connection c = source.getConnection()) { // auto-commit: the statement is its own transaction
                Sql.update(c, "INSERT INTO wal_flush (slot, flushes) VALUES (?, 1) "
                        + "ON CONFLICT (slot) DO UPDATE SET flushes = wal_flush.flushes + 1", slot);
            }
        });
    }

    /**
     * Returns once every commit the caller made before calling is durable; throws when that cannot be confirmed
     * (the write may then be lost, and must not be acknowledged).
     */
    void awaitDurable() {
        lock.lock();
        try {
            if (stopped) {
                throw new StoreException("store is closed", null);
            }
            long needed = started + 1; // a flush already under way may have begun before the caller's commit
            wanted = true;
            requested.signal();
            while (completed < needed && !stopped) {
                finished.awaitUninterruptibly();
            }
            if (lastSucceeded >= needed) {
                return; // that flush, or a later one, covered the commit
            }
            throw lastFailure != null ? lastFailure : new StoreException("store is closed", null);
        } finally {
            lock.unlock();
        }
    }

    /** False after a failed flush until one succeeds: writes cannot be acknowledged meanwhile. */
    boolean lastFlushSucceeded() {
        lock.lock();
        try {
            return lastSucceeded == completed;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (true) {
            long mine;
            lock.lock();
            try {
                while (!wanted && running) {
                    requested.awaitUninterruptibly();
                }
                if (!wanted) {
                    stopped = true;
                    finished.signalAll();
                    return;
                }
                wanted = false;
                mine = ++started;
            } finally {
                lock.unlock();
            }
            RuntimeException failure = flushOnce();
            lock.lock();
            try {
                completed = mine;
                if (failure == null) {
                    lastSucceeded = mine;
                } else {
                    lastFailure = failure;
                }
                finished.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private RuntimeException flushOnce() {
        try {
            flush.run();
            return null;
        } catch (SQLException | RuntimeException e) {
            log.error("flushing PostgreSQL's write-ahead log failed; the writes it covers are not acknowledged", e);
            return new StoreException("the write could not be made durable: " + e.getMessage(), e);
        }
    }

    /** Serves the writers already waiting, then stops. */
    @Override
    public void close() {
        lock.lock();
        try {
            running = false;
            requested.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
