package dev.herald.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the embedded store's write-ahead log back into the database file from a thread of its own. Left to
 * SQLite, the checkpoint runs inside whichever commit crosses the log's size limit, which is always the single
 * writer's, and every request in that group commit waits for it. A passive checkpoint never blocks the writer
 * or the readers; run every {@code interval}, it also copies a page changed many times in between only once. The
 * writer keeps a high automatic limit as a safety net should this thread fall behind.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final Connection connection;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean running = true;

    Checkpointer(Connection connection, Duration interval) {
        this.connection = connection;
        this.interval = interval;
        this.thread = Thread.ofPlatform().name("herald-store-checkpoint").daemon(true).start(this::loop);
    }

    private void loop() {
        while (running) {
            LockSupport.parkNanos(interval.toNanos());
            if (running) {
                checkpoint();
            }
        }
    }

    private void checkpoint() {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            log.warn("background checkpoint failed; the writer checkpoints by itself if the log keeps growing", e);
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException ignored) {
            // closing at shutdown; the next start replays the log anyway
        }
    }
}
