package dev.herald.server.store;

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
 * requests share one fsync; each caller returns only after the commit that holds its work.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 512;

    private record Pending<T>(SqlWork<T> work, CompletableFuture<T> result) {
    }

    private final Connection connection;
    private final Dialect dialect;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    GroupCommitWriter(Connection connection, Dialect dialect) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        connection.setAutoCommit(false);
        this.thread = Thread.ofPlatform().name("herald-store-writer").daemon(true).start(this::loop);
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

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Pending<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        for (Pending<?> pending : batch) {
            completions.add(runOne(pending));
        }
        try {
            connection.commit();
            completions.forEach(Runnable::run);
        } catch (SQLException e) {
            log.error("commit of {} writes failed", batch.size(), e);
            rollbackQuietly();
            batch.forEach(p -> p.result().completeExceptionally(StoreException.wrap(e)));
        }
    }

    private <T> Runnable runOne(Pending<T> pending) {
        boolean savepoint = false;
        try {
            execute("SAVEPOINT work");
            savepoint = true;
            T value = pending.work().run(connection);
            execute("RELEASE work");
            return () -> pending.result().complete(value);
        } catch (Throwable failure) {
            if (savepoint) {
                rollbackToSavepoint();
            }
            Throwable mapped = failure instanceof SQLException s && dialect.isUniqueViolation(s)
                    ? new UniqueViolation(s.getMessage(), s) : failure;
            return () -> pending.result().completeExceptionally(mapped);
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
