package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.StoreKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a write commits without waiting for the disk and returns only after a flush that waits as the
 * server is configured: the pool's sessions run with {@code synchronous_commit = off}, and every write is followed
 * by a flush. (How waiting writes share flushes is {@link PostgresGroupFlushTest}'s.)
 */
class PostgresDurabilityTest {
    static String url;
    static TestDatabase db;

    @BeforeAll
    static void open() {
        url = StoreKind.createPostgresDatabase();
        db = TestDatabase.onPostgres(url);
    }

    @AfterAll
    static void close() {
        db.close(); // drops the database
    }

    private static long flushes() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) { // a session of the server's own defaults
            return Sql.count(c, "SELECT COALESCE(SUM(flushes), 0) FROM wal_flush");
        }
    }

    @Test
    void writesCommitAsynchronouslyAndEachIsFollowedByAFlush() throws Exception {
        long before = flushes();

        String inWrite = db.database().write(c -> Sql.one(c, "SHOW synchronous_commit", rs -> rs.getString(1))
                .orElseThrow());

        assertThat(inWrite).isEqualTo("off");
        assertThat(flushes()).isEqualTo(before + 1);
    }

    /**
     * A write that a crash of the database server may undo without breaking a promise (a success recorded, a lease)
     * returns once committed: here the flush is held up by a lock on its table, and such a write still returns and is
     * seen by other sessions, while a write that must be durable waits for the flush until the lock is gone.
     */
    @Test
    void aRedoableWriteReturnsWithoutWaitingForTheFlushThatADurableOneWaitsFor() throws Exception {
        db.database().write(c -> Sql.update(c, "CREATE TABLE IF NOT EXISTS redoable (id TEXT PRIMARY KEY)"));
        try (Connection holder = DriverManager.getConnection(url)) {
            holder.setAutoCommit(false);
            Sql.update(holder, "LOCK TABLE wal_flush IN EXCLUSIVE MODE");
            long before = flushes();

            // on a thread of its own: a write that waited for the flush fails the test instead of hanging it
            CompletableFuture.runAsync(() -> db.database().writeNotAwaitingDisk(
                    c -> Sql.update(c, "INSERT INTO redoable (id) VALUES ('lease')")))
                    .get(10, TimeUnit.SECONDS);
            var durable = CompletableFuture.runAsync(() -> db.database().write(
                    c -> Sql.update(c, "INSERT INTO redoable (id) VALUES ('message')")));

            long seen = db.database().read(c -> Sql.count(c, "SELECT COUNT(*) FROM redoable WHERE id = 'lease'"));
            assertThat(seen).isOne();
            Thread.sleep(300); // the durable write's flush is queued behind the lock by now (and cannot pass it)
            assertThat(durable).isNotDone();
            holder.rollback();
            durable.get(10, TimeUnit.SECONDS);
            assertThat(flushes()).isGreaterThan(before);
        }
    }

    /**
     * A statement the server kept planned would keep a plan made while its table was small, such as a whole-table
     * scan of a queue that has since grown; only multi-row inserts, which have no plan to choose, are kept.
     */
    @Test
    void pooledSessionsPlanEachQueryWhenItRunsAndKeepOnlyInsertsPrepared() {
        List<String> kept = db.database().read(c -> {
            Sql.update(c, "CREATE TEMPORARY TABLE planned (id TEXT PRIMARY KEY, n BIGINT)");
            for (int i = 0; i < 10; i++) {
                Sql.insertAll(c, "INSERT INTO planned (id, n) VALUES (?, ?)",
                        List.of(new Object[] {"a" + i, (long) i}, new Object[] {"b" + i, (long) i}));
                Sql.count(c, "SELECT COUNT(*) FROM planned WHERE id = ?", "a" + i);
            }
            return Sql.list(c, "SELECT statement FROM pg_prepared_statements WHERE NOT from_sql",
                    rs -> rs.getString(1));
        });

        assertThat(kept).isNotEmpty().allSatisfy(statement -> assertThat(statement).startsWith("INSERT INTO planned"));
    }
}
