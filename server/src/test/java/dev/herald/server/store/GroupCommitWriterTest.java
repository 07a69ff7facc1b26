package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's writer acknowledges a write only after the flush that covers its commit. */
class GroupCommitWriterTest {
    @TempDir
    Path dir;

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("writer.db"));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE t (n INTEGER UNIQUE)");
        }
        return c;
    }

    /** A flush that tells when it begins and ends only when the test lets it. */
    private static final class HeldFlush implements GroupCommitWriter.Durability {
        final Semaphore started = new Semaphore(0);
        final Semaphore finish = new Semaphore(0);

        @Override
        public void sync() {
            started.release();
            finish.acquireUninterruptibly();
        }
    }

    @Test
    void aWriteReturnsOnlyAfterTheFlushThatCoversItsCommit() throws Exception {
        HeldFlush flush = new HeldFlush();
        try (Connection c = open(); GroupCommitWriter writer = new GroupCommitWriter(c, Dialect.SQLITE, flush)) {
            CompletableFuture<Integer> write = CompletableFuture.supplyAsync(
                    () -> writer.submit(conn -> Sql.update(conn, "INSERT INTO t (n) VALUES (1)")));

            assertThat(flush.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100); // nothing may answer while the flush is still running
            assertThat(write).isNotDone();

            flush.finish.release(100);
            assertThat(write.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void aFailedFlushFailsTheWritesItShouldHaveCovered() throws Exception {
        try (Connection c = open();
             GroupCommitWriter writer = new GroupCommitWriter(c, Dialect.SQLITE, () -> {
                 throw new IOException("disk gone");
             })) {
            assertThatThrownBy(() -> writer.submit(conn -> Sql.update(conn, "INSERT INTO t (n) VALUES (1)")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("durable");
        }
    }

    @Test
    void oneFailedPieceOfWorkDoesNotUndoTheOthersInItsCommit() throws Exception {
        try (Connection c = open(); GroupCommitWriter writer = new GroupCommitWriter(c, Dialect.SQLITE, () -> { })) {
            writer.submit(conn -> Sql.update(conn, "INSERT INTO t (n) VALUES (1)"));
            assertThatThrownBy(() -> writer.submit(conn -> {
                Sql.update(conn, "INSERT INTO t (n) VALUES (2)");
                return Sql.update(conn, "INSERT INTO t (n) VALUES (1)");
            })).isInstanceOf(UniqueViolation.class);
            writer.submit(conn -> Sql.update(conn, "INSERT INTO t (n) VALUES (3)"));

            java.util.List<Integer> rows = writer.submit(
                    conn -> Sql.list(conn, "SELECT n FROM t ORDER BY n", rs -> rs.getInt(1)));
            assertThat(rows).containsExactly(1, 3);
        }
    }
}
